// Keeps an opportunity's or a consortium's page in its live room: a change there (an edit, a
// withdrawal, interest, a member's answer or leaving, a visibility) refetches what the page shows;
// losing the room (the organisation left or was removed, the consortium turned buyer-only) refetches
// too, and the page then shows what the viewer may see now — for a hidden consortium, "not found".
import { queryClient, trpc } from '../api.ts';
import { useRoom, type RoomKind } from '../realtime.ts';

const CONSORTIUM_ROOM: RoomKind = {
  join: 'consortium.subscribe',
  leave: 'consortium.unsubscribe',
  key: 'consortiumId',
  events: ['consortium.changed', 'consortium.access_changed'],
};

const OPPORTUNITY_ROOM: RoomKind = {
  join: 'opportunity.subscribe',
  leave: 'opportunity.unsubscribe',
  key: 'opportunityId',
  events: ['opportunity.changed', 'opportunity.access_changed'],
};

const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });

export function useConsortiumRoom(consortiumId: string, enabled: boolean): void {
  useRoom(CONSORTIUM_ROOM, consortiumId, enabled, {
    subscribed: refetch,
    refused: () => {},
    events: { 'consortium.changed': refetch, 'consortium.access_changed': refetch },
  });
}

export function useOpportunityRoom(opportunityId: string, enabled: boolean): void {
  useRoom(OPPORTUNITY_ROOM, opportunityId, enabled, {
    subscribed: refetch,
    refused: () => {},
    events: { 'opportunity.changed': refetch, 'opportunity.access_changed': refetch },
  });
}
