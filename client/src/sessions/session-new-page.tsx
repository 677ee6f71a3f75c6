// "/dialogues/:id/sessions/new" — a buyer of the dialogue plans a live session.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../router.tsx';
import { SessionForm } from './session-form.tsx';

export function SessionNewPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const dialogueId = params.id ?? '';
  const dialogue = useQuery(trpc.dialogues.get.queryOptions({ dialogueId }));
  let content;
  if (dialogue.isPending) content = <Loading />;
  else if (dialogue.isError) content = <ErrorNotice title={t('dialogue.loadError')} error={dialogue.error} onRetry={() => void dialogue.refetch()} />;
  else if (!dialogue.data.viewer.canAnswer) content = <p className="notice notice-info">{t('sessionForm.onlyHosts')}</p>;
  else content = <SessionForm dialogueId={dialogueId} session={null} onSaved={(sessionId) => navigate(`/sessions/${sessionId}`)} />;
  return (
    <>
      <div className="page-intro">
        {dialogue.data && (
          <p className="breadcrumb">
            <Link to={`/dialogues/${encodeURIComponent(dialogueId)}`}>{dialogue.data.title}</Link>
          </p>
        )}
        <PageHeading>{t('sessionForm.heading')}</PageHeading>
        <p>{t('sessionForm.intro')}</p>
      </div>
      {content}
    </>
  );
}
