// Reading the relay as the viewer may: a project someone may not read answers exactly as a missing
// one; lists and chains hold only what the viewer may read. Contacts are only those who offered
// help themselves and still do, and an e-mail address only as far as its person chose to show it.
import type { ArenaId, HandoverView, RelayChainsView, RelayContactView, RelayPostView, RelayProjectSummary, RelayProjectView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import {
  canViewRelayProject,
  mayEditRelayPost,
  mayHideRelayPost,
  mayManageRelayProject,
  mayOfferRelayHelp,
  mayPostInRelayThread,
  mayStartRelayProject,
  mayWithdrawHandover,
  seesContactEmail,
  visibleRelayVisibilities,
} from '../../platform/policy/relay-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personContacts, personNames } from '../accounts/queries.ts';
import { visibleDialogues } from '../dialogues/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { sessionNoticeFacts } from '../sessions/session-audience.ts';
import {
  HANDOVER_VERSIONS,
  RELAY_CONTACTS,
  RELAY_POSTS,
  RELAY_PROJECTS,
  relayContactId,
  type HandoverVersionDocument,
  type RelayContactDocument,
  type RelayPostDocument,
  type RelayProjectDocument,
} from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const NOT_FOUND = 'No such relay project';

export async function visibleRelayProject(store: Readable, actor: Actor | null, projectId: string, notFoundMessage = NOT_FOUND): Promise<RelayProjectDocument> {
  const project = await store.collection<RelayProjectDocument>(RELAY_PROJECTS).findOne({ _id: projectId });
  if (!project || !canViewRelayProject(actor, project)) throw new AppError('NOT_FOUND', notFoundMessage);
  return project;
}

export async function getRelayProject(store: Readable, actor: Actor | null, projectId: string, version?: number): Promise<RelayProjectView> {
  const project = await visibleRelayProject(store, actor, projectId);
  const projects = store.collection<RelayProjectDocument>(RELAY_PROJECTS);
  const visibilities = visibleRelayVisibilities(actor);
  const [earlierDocs, laterDocs, dialogues, handoverView, contacts, posts, meetings, myContact] = await Promise.all([
    project.takenFrom.length ? projects.find({ _id: { $in: project.takenFrom }, visibility: { $in: visibilities } }, { sort: { createdAt: 1 } }) : [],
    projects.find({ takenFrom: project._id, visibility: { $in: visibilities } }, { sort: { createdAt: 1 } }),
    visibleDialogues(store, actor, project.dialogueIds),
    handoverOf(store, project, version),
    contactsOf(store, actor, project._id),
    postsOf(store, actor, project),
    meetingsOf(store, actor, project),
    actor ? store.collection<RelayContactDocument>(RELAY_CONTACTS).findOne({ _id: relayContactId(project._id, actor.userId) }) : null,
  ]);
  const summaries = await summariesOf(store, [project, ...earlierDocs, ...laterDocs], visibilities);
  const summary = summaries.get(project._id);
  if (!summary) throw new Error('relay project summary missing');
  const open = project.withdrawal === null;
  const manages = mayManageRelayProject(actor, project);
  return {
    ...summary,
    dialogues: project.dialogueIds.flatMap((id) => {
      const dialogue = dialogues.get(id);
      return dialogue ? [{ id, title: dialogue.title }] : [];
    }),
    handoverView,
    earlier: earlierDocs.flatMap((doc) => summaries.get(doc._id) ?? []),
    later: laterDocs.flatMap((doc) => summaries.get(doc._id) ?? []),
    contacts,
    posts,
    meetings,
    viewer: {
      canManage: manages,
      canPublish: manages && open && project.handover === null,
      canRevise: manages && open && project.handover !== null,
      canWithdraw: open && project.handover !== null && mayWithdrawHandover(actor, project),
      canAsk: project.handover !== null && mayPostInRelayThread(actor, project),
      // Another buyer takes this project's baton from a project of their own (chosen on their page).
      canTakeBaton: open && project.handover !== null && mayStartRelayProject(actor) && actor.organisationId !== project.organisationId,
      canOfferHelp: mayOfferRelayHelp(actor, project),
      myContact: myContact ? { offering: myContact.offering, role: myContact.role, emailShownTo: myContact.emailShownTo } : null,
    },
  };
}

/** Every relay of an arena as a chain: projects joined by taking the baton, oldest first; newest chain first. */
export async function relayChains(store: Readable, actor: Actor | null, arenaId: ArenaId): Promise<RelayChainsView> {
  const visibilities = visibleRelayVisibilities(actor);
  const projects = await store
    .collection<RelayProjectDocument>(RELAY_PROJECTS)
    .find({ arenaId, visibility: { $in: visibilities } }, { sort: { createdAt: 1, _id: 1 } });
  // Union-find over "took the baton from", within what the viewer may see.
  const parent = new Map(projects.map((project) => [project._id, project._id]));
  const root = (id: string): string => {
    let at = id;
    while (parent.get(at) !== at) at = parent.get(at) ?? at;
    return at;
  };
  for (const project of projects) {
    for (const fromId of project.takenFrom) if (parent.has(fromId)) parent.set(root(project._id), root(fromId));
  }
  const summaries = await summariesOf(store, projects, visibilities);
  const chains = new Map<string, RelayProjectSummary[]>();
  for (const project of projects) {
    const summary = summaries.get(project._id);
    if (!summary) continue;
    const key = root(project._id);
    chains.set(key, [...(chains.get(key) ?? []), summary]);
  }
  const ordered = [...chains.values()].sort((a, b) => (b.at(-1)?.createdAt ?? '').localeCompare(a.at(-1)?.createdAt ?? ''));
  return { chains: ordered.map((chain) => ({ projects: chain })), viewer: { canStart: mayStartRelayProject(actor) } };
}

/** The viewer's organisation's projects (for taking a baton), or those holding one dialogue (for its page). */
export async function myRelayProjects(store: Readable, actor: Actor | null, dialogueId?: string): Promise<RelayProjectSummary[]> {
  if (!mayStartRelayProject(actor)) return [];
  const filter: Record<string, unknown> = { organisationId: actor.organisationId };
  if (dialogueId) filter.dialogueIds = dialogueId;
  const projects = await store.collection<RelayProjectDocument>(RELAY_PROJECTS).find(filter, { sort: { createdAt: -1 }, limit: 100 });
  const summaries = await summariesOf(store, projects, visibleRelayVisibilities(actor));
  return projects.flatMap((project) => summaries.get(project._id) ?? []);
}

/** A page of public, current handovers for the open data API, newest first. */
export async function publicHandoverPage(
  store: Readable,
  { arenaId, after, limit }: { arenaId?: ArenaId | undefined; after?: { publishedAt: string; id: string } | undefined; limit: number },
): Promise<{ projects: RelayProjectView[]; more: boolean }> {
  const filter: Record<string, unknown> = { visibility: { $in: visibleRelayVisibilities(null) }, handover: { $ne: null }, withdrawal: null };
  if (arenaId) filter.arenaId = arenaId;
  if (after) filter.$or = [{ 'handover.publishedAt': { $lt: after.publishedAt } }, { 'handover.publishedAt': after.publishedAt, _id: { $lt: after.id } }];
  const found = await store.collection<RelayProjectDocument>(RELAY_PROJECTS).find(filter, { sort: { 'handover.publishedAt': -1, _id: -1 }, limit: limit + 1 });
  const page = found.slice(0, limit);
  return { projects: await Promise.all(page.map((project) => getRelayProject(store, null, project._id))), more: found.length > limit };
}

/** What the notifier needs to know of a project: its arena, and what the policy asks. */
/** A post of a relay thread, for the notifier: which project, whether it asks (no `replyTo`), and from which organisation. */
export function relayPostFacts(store: Readable, postId: string): Promise<RelayPostDocument | null> {
  return store.collection<RelayPostDocument>(RELAY_POSTS).findOne({ _id: postId });
}

export function relayProjectFacts(store: Readable, projectId: string): Promise<RelayProjectDocument | null> {
  return store.collection<RelayProjectDocument>(RELAY_PROJECTS).findOne({ _id: projectId });
}

/** Titles of the projects the person may read now, for notifications about them. */
export async function readableRelayTitles(store: Readable, actor: Actor, projectIds: string[]): Promise<Map<string, string>> {
  if (projectIds.length === 0) return new Map();
  const projects = await store.collection<RelayProjectDocument>(RELAY_PROJECTS).find({ _id: { $in: [...new Set(projectIds)] } });
  return new Map(projects.filter((project) => canViewRelayProject(actor, project)).map((project) => [project._id, project.title]));
}

async function summariesOf(store: Readable, projects: RelayProjectDocument[], visibilities: string[]): Promise<Map<string, RelayProjectSummary>> {
  const linked = [...new Set(projects.flatMap((project) => project.takenFrom))];
  const [organisations, readable] = await Promise.all([
    organisationSummaries(store, projects.map((project) => project.organisationId)),
    linked.length ? store.collection<RelayProjectDocument>(RELAY_PROJECTS).find({ _id: { $in: linked }, visibility: { $in: visibilities } }) : [],
  ]);
  // Links to projects the viewer may not read are left out, as if they did not exist.
  const shown = new Set(readable.map((project) => project._id));
  return new Map(
    projects.map((project) => [
      project._id,
      {
        id: project._id,
        title: project.title,
        arenaId: project.arenaId,
        visibility: project.visibility,
        organisation: { id: project.organisationId, name: organisations.get(project.organisationId)?.name ?? '' },
        createdAt: project.createdAt,
        handover: project.handover
          ? { stage: project.handover.stage, publishedAt: project.handover.publishedAt, version: project.handover.version, withdrawn: project.withdrawal !== null }
          : null,
        takenFrom: project.takenFrom.filter((id) => shown.has(id)),
      },
    ]),
  );
}

async function handoverOf(store: Readable, project: RelayProjectDocument, version: number | undefined): Promise<HandoverView | null> {
  if (!project.handover) {
    if (version !== undefined) throw new AppError('NOT_FOUND', 'No such version');
    return null;
  }
  const versions = await store.collection<HandoverVersionDocument>(HANDOVER_VERSIONS).find({ projectId: project._id }, { sort: { version: -1 } });
  const shown = versions.find((candidate) => candidate.version === (version ?? project.handover?.version));
  if (!shown) throw new AppError('NOT_FOUND', 'No such version');
  return {
    stage: shown.stage,
    procured: shown.procured,
    dialogue: shown.dialogue,
    worked: shown.worked,
    didNotWork: shown.didNotWork,
    risks: shown.risks,
    financing: shown.financing,
    version: project.handover.version,
    publishedAt: project.handover.publishedAt,
    updatedAt: project.handover.updatedAt,
    shown: { version: shown.version, at: shown.at, note: shown.note },
    versions: versions.map((entry) => ({ version: entry.version, at: entry.at, stage: entry.stage, note: entry.note })),
    withdrawal: project.withdrawal ? { at: project.withdrawal.at, reason: project.withdrawal.reason } : null,
  };
}

async function contactsOf(store: Readable, actor: Actor | null, projectId: string): Promise<RelayContactView[]> {
  // Only those who offered help themselves and still do: nobody else of the organisation is named.
  const offers = await store.collection<RelayContactDocument>(RELAY_CONTACTS).find({ projectId, offering: true }, { sort: { updatedAt: 1 } });
  const people = await personContacts(store, offers.map((offer) => offer.userId));
  return offers.flatMap((offer) => {
    const person = people.get(offer.userId);
    if (!person) return [];
    return [{ userId: offer.userId, name: person.name, role: offer.role, email: seesContactEmail(actor, offer.emailShownTo) ? person.email : null }];
  });
}

async function postsOf(store: Readable, actor: Actor | null, project: RelayProjectDocument): Promise<RelayPostView[]> {
  const posts = await store.collection<RelayPostDocument>(RELAY_POSTS).find({ projectId: project._id }, { sort: { createdAt: 1, _id: 1 } });
  const [names, organisations] = await Promise.all([
    personNames(store, posts.map((post) => post.authorId)),
    organisationSummaries(store, posts.flatMap((post) => (post.organisationId ? [post.organisationId] : []))),
  ]);
  const mayPost = mayPostInRelayThread(actor, project);
  return posts.map((post) => {
    const current = post.versions.at(-1);
    return {
      id: post._id,
      replyTo: post.replyTo,
      author: post.hidden ? null : { name: names.get(post.authorId) ?? '', organisation: post.organisationId ? (organisations.get(post.organisationId)?.name ?? null) : null },
      body: post.hidden ? null : (current?.body ?? null),
      createdAt: post.createdAt,
      edited: post.versions.length > 1 && current ? { at: current.at, note: current.note } : null,
      versions: post.versions.length,
      hidden: post.hidden ? { at: post.hidden.at, reason: post.hidden.reason } : null,
      viewer: {
        canEdit: !post.hidden && mayEditRelayPost(actor, post),
        canHide: !post.hidden && mayHideRelayPost(actor),
        canReply: !post.hidden && post.replyTo === null && mayPost,
      },
    };
  });
}

async function meetingsOf(store: Readable, actor: Actor | null, project: RelayProjectDocument) {
  const [facts, dialogues] = await Promise.all([sessionNoticeFacts(store, project.meetingSessionIds), visibleDialogues(store, actor, project.dialogueIds)]);
  return project.meetingSessionIds.flatMap((sessionId) => {
    const session = facts.get(sessionId);
    // A meeting is seen with its dialogue, as sessions are everywhere.
    if (!session || !dialogues.has(session.dialogueId)) return [];
    return [{ sessionId, dialogueId: session.dialogueId, title: session.title, startsAt: session.startsAt, timeZone: session.timeZone, cancelled: session.cancellationReason !== null }];
  });
}
