// The platform's moderator: an admin by ADMIN_EMAILS, who signs up and confirms the address through
// the mailed link like anyone. Tests about something else verify a buyer's organisation (which the
// server requires before a buyer publishes) through the API with the moderator's own cookie, as a
// browser would; tests of moderation itself log in with these credentials and use /moderation.
import { signedUpPerson } from './api-person.ts';

export const MODERATOR_EMAIL = 'moderator@dialogforum.example';
export const MODERATOR_PASSWORD = 'moderatorns långa lösenord';

export type Moderator = { verifyOrganisation(name: string): Promise<void> };

export async function signUpModerator(app: { url: string; dataDir: string }): Promise<Moderator> {
  const { api } = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  return {
    async verifyOrganisation(name) {
      const waiting = await api.organisations.verificationQueue.query();
      const organisation = waiting.find((candidate) => candidate.name === name);
      if (!organisation) throw new Error(`${name} is not waiting for verification`);
      await api.organisations.verify.mutate({ organisationId: organisation.id });
    },
  };
}
