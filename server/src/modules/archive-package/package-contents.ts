// What a dialogue's archive package holds, read before the first byte is sent: each module gives
// its own part (`<module>/archive-record.ts`, as each gives its part of a person's data export), and
// the people and organisations those parts refer to by id are named once, in parties.json. Read
// together, so the files describe one moment; the attached files' bytes are read later, as they are
// packed (they never change: a changed file is a new attachment).
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { attachmentsArchiveRecord } from '../attachments/archive-record.ts';
import { auditArchiveRecord } from '../audit/archive-record.ts';
import { dialogueArchiveRecord } from '../dialogues/archive-record.ts';
import { meetingsArchiveRecord } from '../meetings/archive-record.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { sessionsArchiveRecord } from '../sessions/archive-record.ts';
import { threadsArchiveRecord } from '../threads/archive-record.ts';

export type PackageContents = NonNullable<Awaited<ReturnType<typeof readPackageContents>>>;

/** Null when there is no such dialogue. */
export async function readPackageContents(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const dialogue = await dialogueArchiveRecord(store, dialogueId);
  if (!dialogue) return null;
  const [threads, sessions, meetings, attachments, audit] = await Promise.all([
    threadsArchiveRecord(store, dialogueId),
    sessionsArchiveRecord(store, dialogueId),
    meetingsArchiveRecord(store, dialogueId),
    attachmentsArchiveRecord(store, dialogueId),
    auditArchiveRecord(store, dialogueId),
  ]);
  const parts = [dialogue, threads, sessions, meetings, attachments, audit];
  const [people, organisations] = await Promise.all([
    personNames(store, parts.flatMap((part) => part.people)),
    organisationSummaries(store, parts.flatMap((part) => part.organisations)),
  ]);
  return {
    dialogue: { dialogue: dialogue.dialogue, history: dialogue.history, deadlineChanges: dialogue.deadlineChanges },
    questions: { questions: threads.questions },
    flags: { flags: threads.flags },
    sessions: { sessions: sessions.sessions },
    meetings: { rounds: meetings.rounds },
    attachments: { attachments: attachments.attachments },
    audit: { entries: audit.auditEntries },
    parties: {
      // An erased person is here under the name erasure gave them ("Removed user 17"), as everywhere.
      people: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id)),
      organisations: [...organisations.values()]
        .map(({ id, name, kind, orgNumber }) => ({ id, name, kind, organisationNumber: orgNumber }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    },
    /** The attached files' bytes, to be read from the blob store as they are packed. */
    files: attachments.files,
    ownerNames: dialogue.dialogue.ownerOrganisationIds.map((id) => organisations.get(id)?.name ?? id),
  };
}
