// Invitations waiting for the signed-in person's (confirmed) address: accepting one makes them a
// member of the inviting organisation and the one they act for, so an invited colleague never has
// to create an organisation of their own.
import { useMutation, useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { useKindLabel } from './organisation-badges.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { viewerChanged } from '../session.ts';

export function InvitationsForMe() {
  const { t, lang } = useI18n();
  const kindLabel = useKindLabel();
  const announce = useAnnounce();
  const invitations = useQuery(trpc.organisations.invitationsForMe.queryOptions());
  const accept = useMutation(
    trpc.organisations.acceptInvitationFor.mutationOptions({
      onSuccess: async ({ organisationId }) => {
        const name = invitations.data?.find((invitation) => invitation.organisation.id === organisationId)?.organisation.name ?? '';
        await viewerChanged();
        announce(t('getStarted.joined', { name }));
        navigate(`/organisations/${encodeURIComponent(organisationId)}`);
      },
    }),
  );
  if (!invitations.data || invitations.data.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="page-section notice notice-info">
      <h2 id="invitations-heading">{t('getStarted.invitationsTitle')}</h2>
      <ul className="candidate-list">
        {invitations.data.map((invitation) => (
          <li key={invitation.id}>
            <span>
              {t('getStarted.invitation', {
                name: invitation.organisation.name,
                kind: kindLabel(invitation.organisation.kind),
                inviter: invitation.invitedBy,
                date: formatDate(invitation.expiresAt, lang),
              })}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => accept.mutate({ invitationId: invitation.id })}
              disabled={accept.isPending}
            >
              {t('getStarted.accept', { name: invitation.organisation.name })}
            </button>
          </li>
        ))}
      </ul>
      <InlineError error={accept.error} />
    </section>
  );
}
