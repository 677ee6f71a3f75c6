// A page where a buyer of the dialogue (a host) makes something for it: a live session, a round of
// one-to-one meetings. The dialogue is read first, for its title in the breadcrumb and to say plainly
// when the reader may not make it here; the form shows only to those who may.
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';

export function HostsPage({ dialogueId, heading, intro, onlyHosts, form }: { dialogueId: string; heading: string; intro: string; onlyHosts: string; form: ReactNode }) {
  const { t } = useI18n();
  const dialogue = useQuery(trpc.dialogues.get.queryOptions({ dialogueId }));
  let content;
  if (dialogue.isPending) content = <Loading />;
  else if (dialogue.isError) content = <ErrorNotice title={t('dialogue.loadError')} error={dialogue.error} onRetry={() => void dialogue.refetch()} />;
  else if (!dialogue.data.viewer.canAnswer) content = <p className="notice notice-info">{onlyHosts}</p>;
  else content = form;
  return (
    <>
      <div className="page-intro">
        {dialogue.data && (
          <p className="breadcrumb">
            <Link to={`/dialogues/${encodeURIComponent(dialogueId)}`}>{dialogue.data.title}</Link>
          </p>
        )}
        <PageHeading>{heading}</PageHeading>
        <p>{intro}</p>
      </div>
      {content}
    </>
  );
}
