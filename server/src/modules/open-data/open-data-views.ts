// What the open data API answers with: public facts only, in shapes of their own (so the web app's
// views can change without breaking anyone's integration). Nobody is named: askers are pseudonyms,
// the buyers answer as their organisation, as in the exports; a dialogue's contact person is left
// out, since a bulk API should not spread personal data the page shows for one procurement.
import { libraryFileDownloadPath, type AuthorView, type ConsortiumSummary, type DialogueSummary, type OpportunitySummary, type DialogueView, type LibraryItemFileView, type LibraryItemSummary, type PostView, type RelayProjectView, type SessionSummary } from '@dialogforum/contracts';
import type { RecordThread } from '../threads/record-queries.ts';

export type OpenAuthor = { kind: 'supplier'; pseudonym: string } | { kind: 'organisation'; name: string };

export function openAuthor(author: AuthorView): OpenAuthor {
  if (author.kind === 'pseudonym') return { kind: 'supplier', pseudonym: author.label };
  if (author.pseudonym !== null) return { kind: 'supplier', pseudonym: author.pseudonym };
  return { kind: 'organisation', name: author.organisationName };
}

export function openDialogueSummary(dialogue: DialogueSummary, base: string) {
  return {
    id: dialogue.id,
    title: dialogue.title,
    arena: dialogue.arenaId,
    phase: dialogue.phase,
    questionDeadline: dialogue.questionDeadline,
    owners: dialogue.owners.map((owner) => ({ id: owner.id, name: owner.name })),
    createdAt: dialogue.createdAt,
    archivedAt: dialogue.archivedAt,
    links: {
      self: `${base}/dialogues/${dialogue.id}`,
      questions: `${base}/dialogues/${dialogue.id}/questions`,
      sessions: `${base}/dialogues/${dialogue.id}/sessions`,
      ocds: `${base}/dialogues/${dialogue.id}/ocds`,
    },
  };
}

export function openDialogue(dialogue: DialogueView, base: string) {
  return {
    ...openDialogueSummary(dialogue, base),
    description: dialogue.description,
    qaMode: dialogue.qaMode,
    referenceNumber: dialogue.referenceNumber,
    cpvCodes: dialogue.cpvCodes,
    milestones: dialogue.milestones,
    tenderDeadline: dialogue.tenderDeadline,
    accelerated: dialogue.accelerated,
    supplementaryCutoff: dialogue.supplementaryCutoff,
  };
}

function openPost(post: PostView) {
  return {
    id: post.id,
    author: openAuthor(post.author),
    /** Null when a moderator hid the post; `hidden` says when and why. */
    body: post.body,
    createdAt: post.createdAt,
    editedAt: post.editedAt,
    hidden: post.hidden,
  };
}

/** One published question with its official answers (every version of each) and its comments. */
export function openQuestion(thread: RecordThread, number: number) {
  return {
    number,
    id: thread.id,
    title: thread.title,
    publishedAt: thread.publishedAt,
    answered: thread.answered,
    locked: thread.locked,
    question: openPost(thread.question),
    answers: thread.answers.map((answer) => ({ ...openPost(answer), corrected: answer.corrected, versions: thread.answerVersions[answer.id] ?? [] })),
    comments: thread.comments.map(openPost),
  };
}

export function openSession(session: SessionSummary) {
  return {
    id: session.id,
    dialogueId: session.dialogueId,
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    format: session.format,
    status: session.status,
    capacity: session.capacity,
    registeredCount: session.registeredCount,
  };
}

/**
 * A library item with its files. The routes read both as an anonymous visitor (actor null), so only
 * a public item is found, and a withdrawn one comes with no files (library/queries.ts): what is
 * listed is exactly what anyone may download.
 */
export function openLibraryItem(item: LibraryItemSummary, files: LibraryItemFileView[], base: string) {
  return {
    id: item.id,
    kind: item.kind,
    arenas: item.arenaIds,
    audiences: item.audiences,
    language: item.language,
    title: item.title,
    summary: item.summary,
    publisher: item.publisher?.name ?? null,
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    version: item.version,
    withdrawal: item.withdrawal,
    files: files.map((file) => ({
      id: file.id,
      name: file.name,
      type: file.fileType,
      size: file.size,
      version: file.version,
      addedAt: file.addedAt,
      // The download is the app's own (not under the API's base): the same URL a reader's page links to.
      download: `${new URL(base).origin}${libraryFileDownloadPath(file.id)}`,
    })),
    links: { self: `${base}/library/${item.id}` },
  };
}

/**
 * A relay project's published handover: the buyer by organisation, its dialogues and the projects it
 * took the baton from by id. No contact person (as in every open data answer) and no relay thread.
 */
export function openRelayHandover(project: RelayProjectView, base: string) {
  const handover = project.handoverView;
  return {
    id: project.id,
    title: project.title,
    arena: project.arenaId,
    buyer: project.organisation.name,
    createdAt: project.createdAt,
    dialogues: project.dialogues.map((dialogue) => ({ id: dialogue.id, title: dialogue.title, links: { self: `${base}/dialogues/${dialogue.id}` } })),
    takenFrom: project.takenFrom,
    handover: handover
      ? {
          stage: handover.stage,
          procured: handover.procured,
          dialogue: handover.dialogue,
          worked: handover.worked,
          didNotWork: handover.didNotWork,
          risks: handover.risks,
          financing: handover.financing,
          version: handover.version,
          publishedAt: handover.publishedAt,
          updatedAt: handover.updatedAt,
          versions: handover.versions,
        }
      : null,
  };
}

/** A public consortium: its lead organisation and how many have confirmed; never who was invited. */
export function openConsortium(consortium: ConsortiumSummary) {
  return {
    id: consortium.id,
    name: consortium.name,
    opportunity: { id: consortium.opportunity.id, title: consortium.opportunity.title },
    lead: { id: consortium.lead.id, name: consortium.lead.name, kind: consortium.lead.kind },
    confirmedCount: consortium.confirmedCount,
    createdAt: consortium.createdAt,
  };
}

export function openOpportunity(opportunity: OpportunitySummary, base: string) {
  return {
    id: opportunity.id,
    title: opportunity.title,
    source: opportunity.source,
    facility: opportunity.facility,
    arena: opportunity.arenaId,
    expectedAt: opportunity.expectedAt,
    publishedAt: opportunity.publishedAt,
    version: opportunity.version,
    interestedCount: opportunity.interestedCount,
    links: opportunity.dialogueId ? { dialogue: `${base}/dialogues/${opportunity.dialogueId}` } : {},
  };
}
