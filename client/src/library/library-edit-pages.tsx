// "/library/new" (with `?arena=` chosen beforehand) and "/library/:id/edit": who may publish sees the
// form; anyone else is told why not. The server checks again on every call.
import { useQuery } from '@tanstack/react-query';
import { appErrorCode } from '../app-error.ts';
import { trpc } from '../api.ts';
import { isArenaId } from '../arena-names.ts';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { isModerator, useMe } from '../session.ts';
import { LibraryItemForm } from './library-item-form.tsx';

export function LibraryPublishPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const arena = search.get('arena');
  const me = useMe();
  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={t('library.needsLogin')} returnTo={`${pathname}?${search.toString()}`} />;
  else if (!me.data.emailVerified) content = <VerificationRequiredNotice action="create" me={me.data} />;
  else if (!isModerator(me.data) && !(me.data.organisation?.kind === 'buyer' && me.data.organisation.verified)) content = <p className="notice notice-info">{t('library.onlyPublishers')}</p>;
  else content = <LibraryItemForm {...(isArenaId(arena) ? { arenaId: arena } : {})} />;
  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('library.publishTitle')}</PageHeading>
        <p>{t('library.publishIntro')}</p>
      </div>
      {content}
    </>
  );
}

export function LibraryRevisePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const item = useQuery(trpc.library.get.queryOptions({ itemId: params.id ?? '' }));
  let content;
  if (item.isPending) content = <Loading />;
  else if (item.isError) {
    content =
      appErrorCode(item.error) === 'NOT_FOUND' || appErrorCode(item.error) === 'VALIDATION' ? (
        <p>{t('library.notFoundText')}</p>
      ) : (
        <ErrorNotice title={t('library.loadError')} error={item.error} onRetry={() => void item.refetch()} />
      );
  } else if (!item.data.viewer.canRevise) content = <p className="notice notice-info">{t('library.cannotRevise')}</p>;
  else content = <LibraryItemForm item={item.data} />;
  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('library.reviseTitle')}</PageHeading>
        <p>{t('library.reviseIntro')}</p>
      </div>
      {content}
    </>
  );
}
