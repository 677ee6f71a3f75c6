// The buyers' network most network tests stand on, set up as its people would set it up: the
// moderator verifies the buyers' organisations, the founder's organisation creates the network, and
// each member's organisation is invited and accepts. What a test is about comes after.
import { organisationOf } from './people.ts';
import type { Visitor } from './test-server.ts';

/** The moderator verifies the organisation each person acts for. */
export async function verifyOrganisations(moderator: Visitor, people: Visitor[]): Promise<void> {
  for (const person of people) await moderator.api.organisations.verify.mutate({ organisationId: await organisationOf(person) });
}

/** A network in the healthcare arena that each member's organisation joined by invitation; its id. */
export async function networkOf(founder: Visitor, members: Visitor[], network: { name: string; joining: 'invitation' | 'on-request' }): Promise<string> {
  const { networkId } = await founder.api.networks.create.mutate({ name: network.name, arenaId: 'healthcare', joining: network.joining });
  for (const member of members) {
    await founder.api.networks.invite.mutate({ networkId, organisationId: await organisationOf(member) });
    await member.api.networks.answerInvitation.mutate({ networkId, accept: true });
  }
  return networkId;
}
