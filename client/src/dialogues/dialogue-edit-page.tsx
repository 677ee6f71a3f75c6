// "/dialogues/:id/edit" — the dialogue's buyers edit it. Anyone else is told who may, and an
// archived dialogue must be brought back first.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { DialogueEditForm } from './dialogue-edit-form.tsx';

export function DialogueEditPage({ params }: { params: Record<string, string> }) {
  const dialogueId = params.id ?? '';
  const { t } = useI18n();
  const dialogue = useQuery(trpc.dialogues.get.queryOptions({ dialogueId }));
  const back = (
    <p>
      <Link to={`/dialogues/${encodeURIComponent(dialogueId)}`}>{t('edit.backToDialogue')}</Link>
    </p>
  );

  let content;
  if (dialogue.isPending) content = <Loading />;
  else if (dialogue.isError) content = <ErrorNotice title={t('dialogue.loadError')} error={dialogue.error} onRetry={() => void dialogue.refetch()} />;
  else if (!dialogue.data.viewer.canEdit) content = <p className="notice notice-info">{t('edit.onlyBuyers')}</p>;
  else if (dialogue.data.archivedAt) content = <p className="notice notice-info">{t('edit.archived')}</p>;
  else content = <DialogueEditForm key={dialogue.data.id} dialogue={dialogue.data} />;

  return (
    <>
      <div className="page-intro">
        <PageHeading id="edit-heading">{dialogue.data ? `${t('edit.title')}: ${dialogue.data.title}` : t('edit.title')}</PageHeading>
        <p>{t('edit.intro')}</p>
      </div>
      {content}
      {back}
    </>
  );
}
