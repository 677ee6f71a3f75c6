import type { Language, PlatformRole, Representation } from '@dialogforum/contracts';

export type UserDocument = {
  _id: string;
  name: string;
  email: string;
  passwordHash: string;
  representation: Representation;
  /** The organisation this person acts for now; null after leaving their last one. */
  organisationId: string | null;
  language: Language;
  emailVerifiedAt: string | null;
  /** Moderators and admins run the platform; granted to ADMIN_EMAILS at sign-in. */
  platformRole: PlatformRole | null;
  /** Set by an admin; a blocked user has no sessions and cannot sign in. */
  blockedAt: string | null;
  /** Set when the person asked to be erased: name and e-mail are then pseudonyms. */
  erasedAt?: string;
  createdAt: string;
};



/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export type AuthSessionDocument = {
  _id: string;
  userId: string;
  createdAt: string;
  /** Idle expiry counts from here; refreshed at most once a minute. */
  lastSeenAt: string;
  /** Absolute expiry, however active the session is. */
  expiresAt: string;
};

/** A single-use, expiring token sent by e-mail; only its SHA-256 is stored. */
export type AccountTokenDocument = {
  _id: string;
  userId: string;
  purpose: 'verify-email' | 'reset-password';
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
};

export const USERS = 'users';
export const AUTH_SESSIONS = 'authSessions';
export const ACCOUNT_TOKENS = 'accountTokens';
