// Saved searches ("bevakning"): a signed-in person keeps a search (its words and filters) under a
// name, and chooses whether new content it finds is told in the app, by e-mail (at once or in the
// daily summary), both, or neither (then it is only a search kept for later).
import { z } from 'zod';
import { idSchema, lineOfText } from './inputs.ts';
import { emailChoiceSchema, type EmailChoice } from './notifications.ts';
import { searchQuerySchema, type SearchQueryInput } from './search.ts';

/** Enough to watch every arena and a few procurements besides; each is matched against all new content. */
export const SAVED_SEARCH_MAX = 20;

export const savedSearchName = lineOfText(1, 80);

export const saveSearchInput = z.strictObject({
  name: savedSearchName,
  query: searchQuerySchema,
  inApp: z.boolean(),
  email: emailChoiceSchema,
});
export type SaveSearchInput = z.infer<typeof saveSearchInput>;

export const savedSearchRef = z.strictObject({ savedSearchId: idSchema });

/** Renaming and changing the alerts: only what is given changes. */
export const changeSavedSearchInput = z.strictObject({
  savedSearchId: idSchema,
  name: savedSearchName.optional(),
  inApp: z.boolean().optional(),
  email: emailChoiceSchema.optional(),
});
export type ChangeSavedSearchInput = z.infer<typeof changeSavedSearchInput>;

export type SavedSearchView = {
  id: string;
  name: string;
  query: SearchQueryInput;
  inApp: boolean;
  email: EmailChoice;
  createdAt: string;
  updatedAt: string;
};

/** The person's saved searches, oldest first, and how many they may keep. */
export type SavedSearchList = { items: SavedSearchView[]; max: number };
