// What of the pioneer relay search may find: a project's current handover to its arena, never a
// withdrawn one (it stays readable by its link, with the reason). Who may read a project is the
// relay's rule (public, or for people with a confirmed address), checked again for each result.
import { HANDOVER_SECTIONS, type ArenaId } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { RELAY_PROJECTS, type RelayProjectDocument } from './documents.ts';
import { visibleRelayProject } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SearchableHandover = {
  projectId: string;
  title: string;
  arenaId: ArenaId;
  visibility: RelayProjectDocument['visibility'];
  organisationId: string;
  /** The stage and every section, in the order the handover page shows them. */
  sections: string[];
  publishedAt: string;
  updatedAt: string;
};

/** The project's handover as search may hold it, or null when there is none or it was withdrawn. */
export async function searchableHandover(store: Readable, projectId: string): Promise<SearchableHandover | null> {
  return searchable(await store.collection<RelayProjectDocument>(RELAY_PROJECTS).findOne({ _id: projectId }));
}

/** Every project's id (`pnpm reindex`). */
export async function everyRelayProjectId(store: Readable): Promise<string[]> {
  const projects = await store.collection<RelayProjectDocument>(RELAY_PROJECTS).find({});
  return projects.map((project) => project._id);
}

/** The handover if the actor may read its project now and it is current; otherwise null. */
export async function readableHandover(store: Readable, actor: Actor | null, projectId: string): Promise<SearchableHandover | null> {
  return searchable(await visibleRelayProject(store, actor, projectId).catch(() => null));
}

function searchable(project: RelayProjectDocument | null): SearchableHandover | null {
  if (!project?.handover || project.withdrawal !== null) return null;
  const handover = project.handover;
  return {
    projectId: project._id,
    title: project.title,
    arenaId: project.arenaId,
    visibility: project.visibility,
    organisationId: project.organisationId,
    sections: [handover.stage, ...HANDOVER_SECTIONS.map((section) => handover[section])],
    publishedAt: handover.publishedAt,
    updatedAt: handover.updatedAt,
  };
}
