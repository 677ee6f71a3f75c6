// Every change to a dialogue is recorded twice in its transaction: as an entry of the dialogue's
// history (what changed, from what, to what: shown on the dialogue's page) and as events (ids and
// the changed fields' names only, never their text), which the audit log, the live layer, search
// and notifications react to. One event per kind of change, so a processor that cares about
// deadlines or visibility need not read the others.
import type { DialogueFieldChange, DialogueHistoryField } from '@dialogforum/contracts';
import { appendEvent, type EventType } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { DIALOGUE_HISTORY, type DialogueHistoryDocument } from './documents.ts';

/** The event each change is announced by; fields not named here are the dialogue's details. */
const EVENT_OF: Partial<Record<DialogueHistoryField, EventType>> = {
  created: 'dialogue.created',
  phase: 'dialogue.phase_changed',
  questionDeadline: 'dialogue.deadline_changed',
  // The statutory clock: the tender deadline, and the days before it (accelerated or not).
  tenderDeadline: 'dialogue.tender_deadline_changed',
  accelerated: 'dialogue.tender_deadline_changed',
  visibility: 'dialogue.visibility_changed',
  qaMode: 'dialogue.qa_mode_changed',
  owners: 'dialogue.owner_added',
};

/**
 * Who may see the dialogue changes first in the log: the live layer re-derives its sockets on that
 * event, before it sends what the other events of the same edit announce.
 */
const FIRST: EventType = 'dialogue.visibility_changed';

const asSubject = (value: DialogueFieldChange['from']): string =>
  value === null ? '' : typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : '';

export async function recordDialogueChanges(
  scope: TransactionScope,
  dialogueId: string,
  actor: Actor,
  changes: DialogueFieldChange[],
  at: string,
  /** Ids the events carry besides the dialogue's (e.g. the organisation added as co-owner). */
  subject: Record<string, string> = {},
): Promise<void> {
  const entryId = newId();
  await scope.collection<DialogueHistoryDocument>(DIALOGUE_HISTORY).insertOne({
    _id: entryId,
    dialogueId,
    at,
    by: actor.userId,
    organisationId: actor.organisationId,
    changes,
  });
  const base = { ...subject, dialogueId, by: actor.userId, entryId };
  const events = new Map<EventType, Record<string, string>>();
  for (const change of changes) {
    if (change.field === 'archived') {
      events.set(change.to === true ? 'dialogue.archived' : 'dialogue.restored', base);
      continue;
    }
    const type = EVENT_OF[change.field] ?? 'dialogue.details_changed';
    const found = events.get(type) ?? { ...base };
    if (type === 'dialogue.details_changed') {
      found.fields = found.fields ? `${found.fields},${change.field}` : change.field;
    } else if (type === 'dialogue.tender_deadline_changed') {
      if (change.field === 'accelerated') found.accelerated = asSubject(change.to);
      else Object.assign(found, { from: asSubject(change.from), to: asSubject(change.to) });
    } else if (change.field !== 'created' && change.field !== 'owners') {
      Object.assign(found, { from: asSubject(change.from), to: asSubject(change.to) });
    }
    events.set(type, found);
  }
  const ordered = [...events].sort(([a], [b]) => Number(b === FIRST) - Number(a === FIRST));
  for (const [type, eventSubject] of ordered) await appendEvent(scope, type, dialogueId, eventSubject, at);
}
