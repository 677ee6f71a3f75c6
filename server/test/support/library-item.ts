// A library item as the integration tests publish one: what they vary is who may read it and its
// title; the rest is an ordinary guide for the healthcare arena.
import type { PublishLibraryItemInput } from '@dialogforum/contracts';

export const libraryItem = (visibility: PublishLibraryItemInput['visibility'], title: string): PublishLibraryItemInput => ({
  kind: 'guide',
  arenaIds: ['healthcare'],
  audiences: ['buyers', 'suppliers'],
  language: 'sv',
  visibility,
  title,
  summary: '',
  body: 'Ett underlag för kravställning.',
});
