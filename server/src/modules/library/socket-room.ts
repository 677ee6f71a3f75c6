// How the live layer checks an arena library item's socket room (platform/realtime/room-kinds.ts):
// it is for whoever may read the item now; it is derived again in full before each push to it.
import { canViewLibraryItem } from '../../platform/policy/library-policy.ts';
import { rightFrom, type RoomKind } from '../../platform/realtime/room-kinds.ts';
import { libraryItemRoom, parseLibraryItemRoom } from '../../platform/realtime/rooms.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { libraryItemAccessFacts } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export function libraryItemRoomKind(store: Readable): RoomKind {
  return {
    room: libraryItemRoom,
    parse: parseLibraryItemRoom,
    rightTo: rightFrom((itemId) => libraryItemAccessFacts(store, itemId), canViewLibraryItem),
    accessChanged: (socket, itemId) => socket.emit('libraryItem.access_changed', { itemId }),
    concerned: () => [],
  };
}
