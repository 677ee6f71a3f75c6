/**
 * A calendar feed: a person's own sessions, or one dialogue's sessions as that person may see them.
 * Only the SHA-256 of its token is kept, so a copy of the store gives nobody a working feed URL.
 */
export type CalendarFeedDocument = {
  _id: string;
  /** base64url SHA-256 of the token in the URL. */
  tokenHash: string;
  userId: string;
  scope: 'person' | 'dialogue';
  dialogueId: string | null;
  /** One feed per person, scope and dialogue: making it again replaces (revokes) the earlier one. */
  key: string;
  createdAt: string;
};

export const CALENDAR_FEEDS = 'calendarFeeds';

export function feedKey(userId: string, scope: CalendarFeedDocument['scope'], dialogueId: string | null): string {
  return `${userId}:${scope}:${dialogueId ?? ''}`;
}
