// "Ask to join" an organisation. An owner of it decides; until then the request is pending, which
// the button's place then says (announced, since the button that had focus is gone).
import { useEffect, useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function JoinRequestButton({ organisationId, name }: { organisationId: string; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const sentRef = useRef<HTMLParagraphElement>(null);
  const join = useMutation(
    trpc.organisations.requestToJoin.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.organisations.get.queryKey({ organisationId }) });
      },
    }),
  );
  useEffect(() => {
    if (join.isSuccess) sentRef.current?.focus();
  }, [join.isSuccess]);

  const error = join.isError
    ? appErrorCode(join.error) === 'ALREADY_MEMBER'
      ? t('organisation.alreadyMember')
      : describeError(join.error, i18n)
    : null;

  return (
    <div className="join-request">
      {join.isSuccess ? null : (
        <button
          type="button"
          className="button"
          // The name says which organisation, where several are listed (it starts with the visible text).
          aria-label={join.isPending ? undefined : `${t('organisation.askToJoin')}: ${name}`}
          onClick={() => join.mutate({ organisationId })}
          disabled={join.isPending}
        >
          {join.isPending ? t('common.sending') : t('organisation.askToJoin')}
        </button>
      )}
      <div role="status" className="form-status">
        {join.isSuccess && (
          <p ref={sentRef} tabIndex={-1} className="notice notice-success">
            {t('organisation.requestSent', { name })}
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </div>
  );
}
