// "/unsubscribe?token=…" — the link in every notification mail. Opening it changes nothing: the
// page says what the account gets and offers one button, which works without signing in (the
// signed token says whose mail it stops). Mail clients' one-click unsubscribe POSTs to the same
// address instead (server: one-click-unsubscribe.ts).
import { useMutation, useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { FocusedNotice } from '../ui/focused-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { SavedSearchUnsubscribe } from '../saved-searches/saved-search-unsubscribe.tsx';
import { SendButton } from '../ui/form-fields.tsx';

const TOKEN = /^[A-Za-z0-9_-]{20,400}\.[A-Za-z0-9_-]{43}$/;

export function UnsubscribePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const token = useLocation().search.get('token') ?? '';
  const wellFormed = TOKEN.test(token);
  const view = useQuery({ ...trpc.notifications.unsubscribeView.queryOptions({ token }), enabled: wellFormed });
  const unsubscribe = useMutation(trpc.notifications.unsubscribe.mutationOptions());

  let content;
  if (!wellFormed || view.isError) {
    content = (
      <p className="notice notice-error" role="alert">
        {t('unsubscribe.invalid')}
      </p>
    );
  } else if (view.isPending) {
    content = <Loading />;
  } else if (unsubscribe.isSuccess) {
    content = (
      <FocusedNotice title={t('unsubscribe.done')}>
        <p>{t('unsubscribe.doneText')}</p>
        <p>
          <Link to="/">{t('nav.dialogues')}</Link>
        </p>
      </FocusedNotice>
    );
  } else if (view.data.stops === 'saved-search') {
    content = <SavedSearchUnsubscribe token={token} savedSearch={view.data.savedSearch} />;
  } else if (view.data.email === 'off') {
    content = <p className="notice notice-info">{t('unsubscribe.alreadyOff')}</p>;
  } else {
    content = (
      <>
        <p>{t('unsubscribe.current', { choice: t(`unsubscribe.choice.${view.data.email}`) })}</p>
        <p>{t('unsubscribe.intro')}</p>
        <SendButton pending={unsubscribe.isPending} label={t('unsubscribe.button')} onClick={() => unsubscribe.mutate({ token })} />
        {unsubscribe.isError && (
          <p className="notice notice-error" role="alert">
            {describeError(unsubscribe.error, i18n)}
          </p>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('unsubscribe.title')}</PageHeading>
      {content}
    </>
  );
}

