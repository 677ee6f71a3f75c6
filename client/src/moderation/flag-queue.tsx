// Posts people reported, oldest report first, with what readers cannot see because deciding needs
// it: the text and who wrote it. A moderator hides the post with a reason every reader will see, or
// dismisses the reports; an admin can also block the author. Nothing is deleted.
import { useMutation, useQuery } from '@tanstack/react-query';
import { hidePostInput, type FlagView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { ActionForm } from '../ui/action-form.tsx';
import { AUDIT_LOG_KEY } from './audit-log.tsx';
import { NotAllowed } from './not-allowed.tsx';

export function FlagQueue({ admin }: { admin: boolean }) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const outcome = useOutcome();
  const queue = useQuery({ ...trpc.threads.flags.queryOptions(), staleTime: 0 });
  const settled = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.threads.flags.queryKey() });
    void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
    // The report and the control that had focus are gone: the outcome takes focus.
    outcome.show(message, { focus: true });
  };
  const dismiss = useMutation(trpc.threads.dismissFlag.mutationOptions({ onSuccess: () => settled(t('flags.dismissed')) }));
  const block = useMutation(trpc.accounts.block.mutationOptions({ onSuccess: () => settled(t('flags.blocked')) }));

  let content;
  if (queue.isPending) content = <Loading />;
  else if (queue.isError) {
    content = appErrorCode(queue.error) === 'FORBIDDEN' ? <NotAllowed /> : <ErrorNotice title={t('flags.loadError')} error={queue.error} onRetry={() => void queue.refetch()} />;
  } else if (queue.data.length === 0) {
    content = <p className="empty-state">{t('flags.empty')}</p>;
  } else {
    content = (
      <ol className="card-list flag-list" aria-label={plural('flags.count', queue.data.length)}>
        {queue.data.map((flag) => (
          <li key={flag.id} className="card">
            <FlagCard flag={flag} />
            <div className="thread-actions">
              <DisclosureAction label={t('hide.toggle')} context={flag.threadTitle} regionId={`flag-hide-${flag.id}`} className="button button-small">
                {(close) => (
                  <ActionForm
                    formId={`flag-hide-${flag.id}`}
                    fields={[{ name: 'reason', kind: 'reason', label: t('hide.reason'), hint: t('hide.reasonHint') }]}
                    schema={hidePostInput}
                    mutation={trpc.threads.hide.mutationOptions({ onSuccess: () => settled(t('hide.sent')) })}
                    input={(values) => ({ postId: flag.postId, reason: values.reason })}
                    submitLabel={t('hide.submit')}
                    onCancel={close}
                  />
                )}
              </DisclosureAction>
              <ConfirmAction
                label={t('flags.dismiss')}
                ariaLabel={`${t('flags.dismiss')}: ${flag.threadTitle}`}
                question={t('flags.dismissQuestion')}
                confirmLabel={t('flags.dismiss')}
                onConfirm={() => dismiss.mutate({ flagId: flag.id })}
                pending={dismiss.isPending}
                className="button button-secondary button-small"
              />
              {admin && (
                <ConfirmAction
                  label={t('flags.block')}
                  ariaLabel={`${t('flags.block')}: ${flag.author.name}`}
                  question={t('flags.blockQuestion', { name: flag.author.name })}
                  confirmLabel={t('flags.block')}
                  onConfirm={() => block.mutate({ userId: flag.author.id })}
                  pending={block.isPending}
                  className="button button-danger button-small"
                />
              )}
            </div>
          </li>
        ))}
      </ol>
    );
  }

  return (
    <section aria-labelledby="flags-heading" className="page-section">
      <h2 id="flags-heading">{t('flags.title')}</h2>
      <p className="section-intro">{t('flags.intro')}</p>
      <FormAlert message={dismiss.isError ? describeError(dismiss.error, i18n) : block.isError ? describeError(block.error, i18n) : null} />
      {content}
      {outcome.node}
    </section>
  );
}

function FlagCard({ flag }: { flag: FlagView }) {
  const { t, plural, lang } = useI18n();
  return (
    <>
      <h3 className="card-title">
        <Link to={`/dialogues/${encodeURIComponent(flag.dialogueId)}#thread-${flag.threadId}`}>{flag.threadTitle}</Link>
      </h3>
      <p className="post-meta">
        {t('flags.where', { dialogue: flag.dialogueTitle, kind: t(`threads.${flag.postKind}`) })}
        {' · '}
        {t('flags.author', { name: flag.author.name, organisation: flag.author.organisationName })}
      </p>
      <SafeMarkdown source={flag.body} />
      <p className="notice notice-warning">
        <strong>{plural('flags.reported', flag.flagCount, { date: formatDateTime(flag.flaggedAt, lang) })}</strong> {flag.reason}
      </p>
    </>
  );
}
