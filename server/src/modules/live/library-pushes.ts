// Live pushes of an arena library item's page (issue 11 §2): a file added, a new version, a
// withdrawal or a new publisher goes to the item's room, so its readers see it without reloading.
// The room is re-derived first, so a socket that may no longer read the item (a revision made it
// registered-only, the session ended) is out before anything is sent. The push names the item
// and nothing more: the page refetches it as its viewer may read it.
import type { DomainEvent } from '../../platform/events/event-log.ts';
import { libraryItemRoom } from '../../platform/realtime/rooms.ts';
import type { SocketRights } from '../../platform/realtime/socket-rights.ts';
import type { LocalRooms } from '../../platform/realtime/socket-server.ts';

const LIBRARY_ITEM_CHANGES = new Set<DomainEvent['type']>(['library.item_file_added', 'library.item_revised', 'library.item_withdrawn', 'library.item_publisher_merged']);

export function isLibraryItemEvent(event: DomainEvent): boolean {
  return LIBRARY_ITEM_CHANGES.has(event.type) && event.subject.itemId !== undefined;
}

export async function pushLibraryItemEvent(io: LocalRooms, rights: SocketRights, event: DomainEvent): Promise<void> {
  const itemId = event.subject.itemId;
  if (!itemId) return;
  const room = libraryItemRoom(itemId);
  await rights.beforeSendingToRoom(room);
  io.to(room).emit('libraryItem.changed', { seq: event.seq, itemId });
}
