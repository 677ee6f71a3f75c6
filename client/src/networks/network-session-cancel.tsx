// Cancelling a network session, for whoever scheduled it and the network's admins (the server says
// who: `viewer.mayCancel`). It opens in place with the reason, which everyone registered is told;
// the session stays, shown as cancelled. The words are the dialogue sessions' own.
import { cancelNetworkSessionInput, type NetworkSessionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';

export function CancelNetworkSession({ session }: { session: NetworkSessionView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={t('session.cancel')} regionId={`cancel-${session.id}`}>
      {(close) => (
        <ActionForm
          formId={`cancel-${session.id}`}
          fields={[{ name: 'reason', kind: 'reason', label: t('session.cancelReason'), hint: t('session.cancelReasonHint') }]}
          schema={cancelNetworkSessionInput}
          mutation={trpc.networks.cancelSession.mutationOptions({
            onSuccess: () => {
              announce(t('session.cancelledNow'));
              void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
              close();
            },
          })}
          input={(values) => ({ sessionId: session.id, reason: values.reason })}
          submitLabel={t('session.cancelSubmit')}
          intro={t('session.cancelIntro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
