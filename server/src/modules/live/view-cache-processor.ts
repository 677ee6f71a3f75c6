// Cached audience views carry people's and organisations' names and who owns a dialogue; the change
// counters that keep them current do not move when those change. These events empty the caches.
// Each node keeps its own caches, so every node runs this.
import type { ViewCaches } from '../../platform/cache/view-cache.ts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';

const CHANGES_NAMES = new Set<EventType>(['account.erased', 'dialogue.owner_added', 'organisation.updated', 'organisation.merged']);

export function viewCacheProcessor(caches: ViewCaches): EventProcessor {
  return {
    name: 'view-cache',
    placement: 'every-node',
    async handle(event: DomainEvent) {
      if (CHANGES_NAMES.has(event.type)) caches.clearAll();
    },
  };
}
