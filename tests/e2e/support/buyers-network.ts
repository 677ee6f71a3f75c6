// The buyers' network an e2e test of network pages stands on, set up through the API as its people
// would: the founder's organisation creates it in the healthcare arena, and each member's
// organisation is invited and accepts. The organisations are verified buyers already
// (organisation-person.ts). What the test is about happens in the browser afterwards.
import type { ApiPerson } from './api-person.ts';

/** A network each member's organisation joined by invitation; its id. */
export async function networkOf(founder: ApiPerson, members: ApiPerson[], name: string): Promise<string> {
  const { networkId } = await founder.api.networks.create.mutate({ name, arenaId: 'healthcare', joining: 'invitation' });
  for (const member of members) {
    const organisationId = (await member.api.accounts.me.query())?.organisation?.id ?? '';
    await founder.api.networks.invite.mutate({ networkId, organisationId });
    await member.api.networks.answerInvitation.mutate({ networkId, accept: true });
  }
  return networkId;
}
