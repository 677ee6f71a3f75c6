import type { ArenaId, ContactEmailVisibility, HandoverContent } from '@dialogforum/contracts';

/** One procurement project of a buyer organisation in the relay: its dialogues, its baton, its links. */
export type RelayProjectDocument = {
  _id: string;
  title: string;
  arenaId: ArenaId;
  visibility: 'public' | 'registered';
  organisationId: string;
  dialogueIds: string[];
  createdBy: string;
  createdAt: string;
  /** Earlier projects whose handover this one took, in the order taken. */
  takenFrom: string[];
  /** Sessions of its own dialogues booked as relay meetings. */
  meetingSessionIds: string[];
  /** The current version of its handover; null until it hands over. */
  handover: (HandoverContent & { version: number; publishedAt: string; updatedAt: string }) | null;
  /** A withdrawn handover stays readable with the reason and every version; it changes no more. */
  withdrawal: { at: string; by: string; reason: string } | null;
};

/** One version of a handover, never changed or deleted. */
export type HandoverVersionDocument = HandoverContent & {
  _id: string; // handoverVersionId(projectId, version)
  projectId: string;
  version: number;
  at: string;
  by: string;
  /** What changed; null for the first version. */
  note: string | null;
};

/**
 * A person of the project's organisation who offered help. Stopping keeps the document with
 * `offering: false`, so the offer is never shown again unless they make it again.
 */
export type RelayContactDocument = {
  _id: string; // relayContactId(projectId, userId)
  projectId: string;
  userId: string;
  organisationId: string;
  offering: boolean;
  role: string;
  emailShownTo: ContactEmailVisibility;
  updatedAt: string;
};

/** A question or reply in a project's relay thread. Edits keep every version; hiding keeps the post. */
export type RelayPostDocument = {
  _id: string;
  projectId: string;
  replyTo: string | null;
  authorId: string;
  organisationId: string | null;
  createdAt: string;
  versions: { body: string; at: string; note: string }[];
  hidden: { at: string; by: string; reason: string } | null;
};

export const RELAY_PROJECTS = 'relayProjects';
export const HANDOVER_VERSIONS = 'relayHandoverVersions';
export const RELAY_CONTACTS = 'relayContacts';
export const RELAY_POSTS = 'relayPosts';

export function handoverVersionId(projectId: string, version: number): string {
  return `${projectId}:${version}`;
}

export function relayContactId(projectId: string, userId: string): string {
  return `${projectId}:${userId}`;
}
