// A member leaves the organisation from its page (its last owner cannot).
import { useMutation } from '@tanstack/react-query';
import { type Me, type OrganisationView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { viewerChanged } from '../session.ts';

export function LeaveSection({ organisation, me, onLeft }: { organisation: OrganisationView; me: Me; onLeft: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const leave = useMutation(
    trpc.organisations.removeMember.mutationOptions({
      onSuccess: async () => {
        // Who this person acts for may have changed with it.
        await viewerChanged();
        onLeft();
      },
    }),
  );
  const error = leave.isError
    ? appErrorCode(leave.error) === 'LAST_OWNER'
      ? t('organisation.leaveLastOwner')
      : describeError(leave.error, i18n)
    : null;

  return (
    <section aria-labelledby="leave-heading" className="page-section">
      <h2 id="leave-heading">{t('organisation.leaveTitle')}</h2>
      <p className="section-intro">{t('organisation.leaveIntro', { name: organisation.name })}</p>
      <ConfirmAction
        label={t('organisation.leave')}
        question={t('organisation.leaveQuestion', { name: organisation.name })}
        confirmLabel={t('organisation.leaveConfirm')}
        pending={leave.isPending}
        onConfirm={() => leave.mutate({ organisationId: organisation.id, userId: me.id })}
      />
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </section>
  );
}
