// Keeps a library item's page in its live room: a file added, a new version or a withdrawal
// refetches what the page shows, for every reader who has it open. Losing the room (the item was
// made registered-only, the session ended) refetches too, and the page then shows what the viewer
// may read now — for an item they may no longer read, "not found".
import { queryClient, trpc } from '../api.ts';
import { useRoom, type RoomKind } from '../realtime.ts';

const LIBRARY_ITEM_ROOM: RoomKind = {
  join: 'libraryItem.subscribe',
  leave: 'libraryItem.unsubscribe',
  key: 'itemId',
  events: ['libraryItem.changed', 'libraryItem.access_changed'],
};

const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.library.get.pathKey() });

export function useLibraryItemRoom(itemId: string, enabled: boolean): void {
  useRoom(LIBRARY_ITEM_ROOM, itemId, enabled, {
    subscribed: refetch,
    refused: () => {},
    events: { 'libraryItem.changed': refetch, 'libraryItem.access_changed': refetch },
  });
}
