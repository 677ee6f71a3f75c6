export type ThreadDocument = {
  _id: string;
  dialogueId: string;
  title: string;
  askerId: string;
  createdAt: string;
};

export type PostDocument = {
  _id: string;
  threadId: string;
  dialogueId: string;
  kind: 'question' | 'answer';
  body: string;
  authorId: string;
  authorOrganisationId: string;
  /** An answer published by a member of an owning buyer organisation. */
  official: boolean;
  createdAt: string;
};

/** An asker's stable pseudonym within one dialogue ("A", "B", …, "Z", "AA", …). */
export type PseudonymDocument = {
  _id: string; // `${dialogueId}:${userId}`
  dialogueId: string;
  userId: string;
  label: string;
};

export const THREADS = 'threads';
export const POSTS = 'posts';
export const PSEUDONYMS = 'pseudonyms';
