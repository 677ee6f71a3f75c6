// The library (issue 11 §2): supporting material for an arena and an audience — guides, templates,
// case studies, funding and risk-sharing opportunities — published by moderators and verified
// buyers. An item is written in one language (a tag per item); an edit is a new version, earlier
// versions stay readable, and nothing is deleted: an item is withdrawn with a reason.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { VISIBILITIES, type Visibility } from './dialogues.ts';
import { idSchema, LANGUAGES, lineOfText, longText, type Language } from './inputs.ts';
import type { LibraryItemFileView } from './library-files.ts';

export const LIBRARY_KINDS = ['guide', 'template', 'case-study', 'funding'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/** Whom the material is for (an item may be for several). */
export const AUDIENCES = ['buyers', 'suppliers', 'researchers'] as const;
export type Audience = (typeof AUDIENCES)[number];

const arenaIdSchema = z.enum(ARENA_IDS);
const distinct = <T>(values: T[]) => new Set(values).size === values.length;

const libraryItemFields = {
  kind: z.enum(LIBRARY_KINDS),
  arenaIds: z.array(arenaIdSchema).min(1).max(ARENA_IDS.length).refine(distinct, { error: 'duplicates' }),
  audiences: z.array(z.enum(AUDIENCES)).min(1).max(AUDIENCES.length).refine(distinct, { error: 'duplicates' }),
  language: z.enum(LANGUAGES),
  /** Public, or for people with a confirmed address (as dialogues). */
  visibility: z.enum(VISIBILITIES).default('public'),
  title: lineOfText(3, 200),
  /** One or two sentences shown in lists. */
  summary: lineOfText(0, 500).default(''),
  /** Markdown. */
  body: longText(10, 50_000),
};

export const publishLibraryItemInput = z.strictObject(libraryItemFields);
export type PublishLibraryItemInput = z.infer<typeof publishLibraryItemInput>;

/** An edit is a new version of the whole item, with a note saying what changed. */
export const reviseLibraryItemInput = z.strictObject({ itemId: idSchema, ...libraryItemFields, note: lineOfText(3, 300) });
export type ReviseLibraryItemInput = z.infer<typeof reviseLibraryItemInput>;

export const withdrawLibraryItemInput = z.strictObject({ itemId: idSchema, reason: longText(3, 2000) });

/** One item, at its current version or at an earlier one. */
export const libraryItemInput = z.strictObject({ itemId: idSchema, version: z.number().int().min(1).max(10_000).optional() });

/** A page cursor: the `publishedAt` and id of the last item seen. */
const libraryCursor = z.strictObject({ publishedAt: z.iso.datetime(), id: idSchema });

export const listLibraryInput = z.strictObject({
  arenaId: arenaIdSchema.optional(),
  kind: z.enum(LIBRARY_KINDS).optional(),
  audience: z.enum(AUDIENCES).optional(),
  language: z.enum(LANGUAGES).optional(),
  /** The withdrawn items instead of the current ones. */
  withdrawn: z.boolean().default(false),
  /** Where the page starts: after this item (the `next` of the page before). */
  cursor: libraryCursor.nullish(),
  /** Sent by tRPC's infinite queries with every page; pages only go forward, so it changes nothing. */
  direction: z.enum(['forward', 'backward']).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListLibraryInput = z.infer<typeof listLibraryInput>;

export type LibraryItemSummary = {
  id: string;
  kind: LibraryKind;
  arenaIds: ArenaId[];
  audiences: Audience[];
  language: Language;
  visibility: Visibility;
  title: string;
  summary: string;
  /** The organisation it was published for; null when a moderator published it for the platform. */
  publisher: { id: string; name: string } | null;
  publishedAt: string;
  /** When the current version was made. */
  updatedAt: string;
  version: number;
  withdrawal: { at: string; reason: string } | null;
};

export type LibraryVersionEntry = { version: number; at: string; title: string; note: string | null };

export type LibraryItemView = LibraryItemSummary & {
  /** The version shown (the current one unless an earlier one was asked for). */
  shown: { version: number; at: string; title: string; summary: string; body: string; note: string | null };
  /** Every version, newest first. */
  versions: LibraryVersionEntry[];
  /** The files of the shown version: those attached to it or to an earlier one, oldest first. None once withdrawn. */
  files: LibraryItemFileView[];
  viewer: { canRevise: boolean; canWithdraw: boolean; canAttach: boolean };
};

export type LibraryPage = { items: LibraryItemSummary[]; next: { publishedAt: string; id: string } | null };
