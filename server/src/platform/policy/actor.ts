import type { OrganisationKind, PlatformRole, Representation } from '@dialogforum/contracts';

/** The signed-in person a request or socket acts for; null when anonymous. */
export type Actor = {
  userId: string;
  name: string;
  representation: Representation;
  organisationId: string;
  organisationKind: OrganisationKind;
  emailVerified: boolean;
  platformRole: PlatformRole | null;
  sessionId: string;
};
