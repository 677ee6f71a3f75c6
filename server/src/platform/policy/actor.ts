import type { OrganisationKind, PlatformRole, Representation } from '@dialogforum/contracts';

/** The signed-in person a request or socket acts for; null when anonymous. */
export type Actor = {
  userId: string;
  name: string;
  representation: Representation;
  /** The organisation acted for; null for a person who belongs to none. */
  organisationId: string | null;
  organisationKind: OrganisationKind | null;
  organisationVerified: boolean;
  emailVerified: boolean;
  platformRole: PlatformRole | null;
  sessionId: string;
};

/** Who a session is now, and until when that holds unless something changes it. */
export type SessionStanding = {
  actor: Actor;
  /** Epoch ms at which the session ends by itself (idle or absolute expiry) unless used again. */
  validUntil: number;
};
