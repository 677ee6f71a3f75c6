// A person of the project's organisation offers to help those who take the baton, or stops. Only
// the person themself does this (no one volunteers a colleague), and they choose who sees their
// e-mail address. The event names the project and the person by id, never the address.
import type { SetRelayContactInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayOfferRelayHelp } from '../../platform/policy/relay-policy.ts';
import type { RelayDeps } from './commands.ts';
import { RELAY_CONTACTS, relayContactId, type RelayContactDocument } from './documents.ts';
import { visibleRelayProject } from './queries.ts';

export async function setRelayContact(deps: RelayDeps, actor: Actor | null, input: SetRelayContactInput): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const project = await visibleRelayProject(scope, actor, input.projectId);
    if (!mayOfferRelayHelp(actor, project)) throw new AppError('FORBIDDEN', 'Only people of the project’s organisation offer help, each for themself');
    const _id = relayContactId(project._id, actor.userId);
    const fields = { offering: input.offering, role: input.role, emailShownTo: input.emailShownTo, updatedAt: at };
    await scope
      .collection<RelayContactDocument>(RELAY_CONTACTS)
      .updateOne({ _id }, { $set: fields, $setOnInsert: { projectId: project._id, userId: actor.userId, organisationId: project.organisationId } }, { upsert: true });
    await appendEvent(scope, 'relay.contact_changed', null, { projectId: project._id, userId: actor.userId, by: actor.userId }, at);
  });
  deps.onCommit();
}
