// When a person leaves a buyer organisation or is removed from it (`organisation.member_removed`),
// the places they took for it in its networks' sessions not yet begun are given back, as when the
// organisation itself leaves a network (network-sessions.ts): the person can no longer open such a
// session to unregister, so the place would stay taken by nobody the network knows. One
// transaction; a replay finds nothing taken before the leaving and gives nothing back.
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { NetworkDeps } from './commands.ts';
import { withdrawPersonRegistrations } from './network-sessions.ts';

export const NETWORK_PLACES_OF_LEAVERS = 'network-places-of-leavers';

export function networkPlacesOfLeaversProcessor(deps: NetworkDeps): EventProcessor {
  return {
    name: NETWORK_PLACES_OF_LEAVERS,
    async handle(event: DomainEvent) {
      const { organisationId, userId, by } = event.subject;
      if (event.type !== 'organisation.member_removed' || !organisationId || !userId) return;
      const at = deps.clock.now().toISOString();
      const given = await deps.store.withTransaction((scope) => withdrawPersonRegistrations(scope, organisationId, userId, event.at, by ?? userId, at));
      if (given) deps.onCommit();
    },
  };
}
