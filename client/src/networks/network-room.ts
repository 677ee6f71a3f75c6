// Keeps a network's page in the network's live room: a post or a member coming or going refetches
// what the page shows; losing the room (the organisation left, was removed, or the network was
// dissolved) refetches too, and the page then shows what the viewer may see now.
import { queryClient, trpc } from '../api.ts';
import { useRoom, type RoomKind } from '../realtime.ts';

const NETWORK_ROOM: RoomKind = {
  join: 'network.subscribe',
  leave: 'network.unsubscribe',
  key: 'networkId',
  events: ['network.changed', 'network.access_changed'],
};

const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });

export function useNetworkRoom(networkId: string, enabled: boolean): void {
  useRoom(NETWORK_ROOM, networkId, enabled, {
    subscribed: refetch,
    refused: () => {},
    events: { 'network.changed': refetch, 'network.access_changed': refetch },
  });
}
