// "/account/saved-searches" — the person's saved searches: each with its words and filters, how it
// tells of new results, a link to its newest results, and changing, renaming and deleting it. An
// empty list says how to save one.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { LoginNotice } from '../ui/login-notice.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { SavedSearchItem } from './saved-search-item.tsx';
import { useSavedSearchText } from './saved-search-text.ts';

export function SavedSearchesPage() {
  const s = useSavedSearchText();
  const me = useMe();
  const list = useQuery({ ...trpc.savedSearches.list.queryOptions(), enabled: Boolean(me.data) });
  // A deleted row takes its buttons with it: the outcome is said (and focused) above the list.
  const deleted = useOutcome();

  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={s('page.needsLogin')} returnTo="/account/saved-searches" />;
  else if (list.isPending) content = <Loading />;
  else if (list.isError) content = <ErrorNotice title={s('page.loadError')} error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const { items, max } = list.data;
    content = (
      <>
        {deleted.node}
        {items.length === 0 ? (
          <div className="empty-state">
            <p>{s('page.empty')}</p>
            <p>
              {s('page.emptyHelp')} <Link to="/search">{s('page.toSearch')}</Link>
            </p>
          </div>
        ) : (
          <>
            <p className="field-hint">{s('page.count', { count: items.length, max })}</p>
            <ul className="card-list saved-search-list">
              {items.map((item) => (
                <li key={item.id}>
                  <SavedSearchItem item={item} onDeleted={(name) => deleted.show(s('item.deleted', { name }), { focus: true })} />
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }

  return (
    <>
      <div className="page-intro">
        <PageHeading>{s('page.title')}</PageHeading>
        <p>{s('page.intro')}</p>
      </div>
      {content}
    </>
  );
}
