// Cancelling a network session, for whoever scheduled it and the network's admins (the server says
// who: `viewer.mayCancel`), through the sessions' one cancel action.
import { cancelNetworkSessionInput, type NetworkSessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { CancelSessionAction } from '../sessions/cancel-session-action.tsx';

export function CancelNetworkSession({ session }: { session: NetworkSessionView }) {
  return (
    <CancelSessionAction
      sessionId={session.id}
      schema={cancelNetworkSessionInput}
      mutation={(done) =>
        trpc.networks.cancelSession.mutationOptions({
          onSuccess: () => {
            void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
            done();
          },
        })
      }
    />
  );
}
