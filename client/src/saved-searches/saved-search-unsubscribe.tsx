// The unsubscribe page for a saved search's mail: it names the search, and its one button turns
// off that search's e-mail only (notifications.unsubscribe, no sign-in needed: the signed link says which).
import { useMutation } from '@tanstack/react-query';
import type { UnsubscribeView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { FocusedNotice } from '../ui/focused-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useSavedSearchText } from './saved-search-text.ts';

export function SavedSearchUnsubscribe({ token, savedSearch }: { token: string; savedSearch: UnsubscribeView['savedSearch'] }) {
  const i18n = useI18n();
  const s = useSavedSearchText();
  const unsubscribe = useMutation(trpc.notifications.unsubscribe.mutationOptions());
  if (unsubscribe.isSuccess) {
    return (
      <FocusedNotice title={s('unsubscribe.savedSearchDone')}>
        <p>
          <Link to="/account/saved-searches">{s('save.manage')}</Link>
        </p>
      </FocusedNotice>
    );
  }
  if (!savedSearch) return <p className="notice notice-info">{s('unsubscribe.savedSearchGone')}</p>;
  if (savedSearch.email === 'off') return <p className="notice notice-info">{s('unsubscribe.savedSearchOff', { name: savedSearch.name })}</p>;
  return (
    <>
      <p>{s('unsubscribe.savedSearch', { name: savedSearch.name })}</p>
      <button type="button" className="button" onClick={() => unsubscribe.mutate({ token })} disabled={unsubscribe.isPending}>
        {unsubscribe.isPending ? i18n.t('common.sending') : s('unsubscribe.savedSearchButton')}
      </button>
      {unsubscribe.isError && (
        <p className="notice notice-error" role="alert">
          {describeError(unsubscribe.error, i18n)}
        </p>
      )}
    </>
  );
}
