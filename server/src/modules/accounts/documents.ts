import type { OrganisationKind, Representation } from '@dialogforum/contracts';

export type UserDocument = {
  _id: string;
  name: string;
  email: string;
  passwordHash: string;
  representation: Representation;
  organisationId: string;
  createdAt: string;
};

export type OrganisationDocument = {
  _id: string;
  name: string;
  kind: OrganisationKind;
  /** Swedish organisation number; checked and set when organisations are managed (later issue). */
  orgNumber: string | null;
  verified: boolean;
  createdAt: string;
};

export type MembershipDocument = {
  _id: string;
  userId: string;
  organisationId: string;
  role: 'owner' | 'member';
  createdAt: string;
};

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export type AuthSessionDocument = {
  _id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
};

export const USERS = 'users';
export const ORGANISATIONS = 'organisations';
export const MEMBERSHIPS = 'memberships';
export const AUTH_SESSIONS = 'authSessions';
