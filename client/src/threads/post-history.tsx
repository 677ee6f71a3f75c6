// Every version of a post, oldest first, loaded when opened: corrections of official answers are
// for everyone; earlier versions of a question only for those who may know who asked.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function PostHistory({ postId }: { postId: string }) {
  const { t, lang } = useI18n();
  const history = useQuery(trpc.threads.history.queryOptions({ postId }));
  if (history.isPending) return <Loading label={t('history.loading')} />;
  if (history.isError) return <ErrorNotice title={t('history.loadError')} error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <ol className="version-list" aria-label={t('history.title')}>
      {history.data.map((version, index) => (
        <li key={version.at + index} className="version">
          <p className="post-meta">
            <strong>{t('history.version', { number: index + 1 })}</strong>
            {' · '}
            <time dateTime={version.at}>{formatDateTime(version.at, lang)}</time>
            {version.byBuyer ? ` · ${t('history.byBuyer')}` : null}
          </p>
          {version.note ? <p className="version-note">{t('history.note', { note: version.note })}</p> : null}
          {version.title ? <p className="version-title">{version.title}</p> : null}
          <SafeMarkdown source={version.body} />
        </li>
      ))}
    </ol>
  );
}
