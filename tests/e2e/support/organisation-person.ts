// Someone signed up with an organisation of their own, for tests about what organisations do
// together (networks, relays, merges): a buyer's organisation is verified at once by the admin
// given, since only verified buyers may act for one.
import { signedUpPerson, type ApiPerson } from './api-person.ts';

export type OrganisationPerson = { person: ApiPerson; organisationId: string };

export async function organisationPerson(
  app: { url: string; dataDir: string },
  admin: ApiPerson,
  who: { name: string; email: string; password: string; organisation: string; kind: 'buyer' | 'supplier' },
): Promise<OrganisationPerson> {
  const person = await signedUpPerson(app, { name: who.name, email: who.email, password: who.password, representation: who.kind });
  const { organisationId } = await person.api.organisations.create.mutate({ name: who.organisation, kind: who.kind });
  if (who.kind === 'buyer') await admin.api.organisations.verify.mutate({ organisationId });
  return { person, organisationId };
}
