// "/dialogues/:id/rounds/new" — a buyer of the dialogue opens a round of one-to-one meetings.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { MeetingRoundForm } from './meeting-round-form.tsx';
import { Link, navigate } from '../router.tsx';

export function MeetingRoundNewPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const dialogueId = params.id ?? '';
  const dialogue = useQuery(trpc.dialogues.get.queryOptions({ dialogueId }));
  let content;
  if (dialogue.isPending) content = <Loading />;
  else if (dialogue.isError) content = <ErrorNotice title={t('dialogue.loadError')} error={dialogue.error} onRetry={() => void dialogue.refetch()} />;
  else if (!dialogue.data.viewer.canAnswer) content = <p className="notice notice-info">{t('roundForm.onlyHosts')}</p>;
  else content = <MeetingRoundForm dialogueId={dialogueId} onSaved={(roundId) => navigate(`/rounds/${roundId}`)} />;
  return (
    <>
      <div className="page-intro">
        {dialogue.data && (
          <p className="breadcrumb">
            <Link to={`/dialogues/${encodeURIComponent(dialogueId)}`}>{dialogue.data.title}</Link>
          </p>
        )}
        <PageHeading>{t('roundForm.heading')}</PageHeading>
        <p>{t('roundForm.intro')}</p>
      </div>
      {content}
    </>
  );
}
