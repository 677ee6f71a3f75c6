// "/arenas/:id" — a sector arena as a hub: what is going on there (dialogues taking part now, the
// sessions coming up), its library, what was learned (past dialogues and their published Q&A) and
// its figures. People follow the arena to hear of new dialogues and library items in it.
import { useQuery } from '@tanstack/react-query';
import type { ArenaId } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { isArenaId } from '../arena-names.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { LibrarySection } from '../library/library-section.tsx';
import { NetworksSection } from '../networks/networks-section.tsx';
import { RelaySection } from '../relay/relay-section.tsx';
import { ConsortiaSection } from '../consortia/consortia-section.tsx';
import { Link } from '../router.tsx';
import { CurrentDialogues, PastDialogues, UpcomingSessions } from './arena-dialogues.tsx';
import { ArenaFigures } from './arena-figures.tsx';
import { ArenaFollowButton } from './arena-follow-button.tsx';

export function ArenaPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const arenaId = params.id ?? '';
  if (!isArenaId(arenaId)) {
    return (
      <>
        <PageHeading>{t('arena.notFound')}</PageHeading>
        <p>
          <Link to="/">{t('dialogue.backToList')}</Link>
        </p>
      </>
    );
  }
  return <ArenaContent arenaId={arenaId} />;
}

function ArenaContent({ arenaId }: { arenaId: ArenaId }) {
  const { t, lang } = useI18n();
  const arena = useQuery(trpc.arenas.get.queryOptions({ arenaId }));
  if (arena.isPending) return <Loading />;
  if (arena.isError) return <ErrorNotice title={t('arena.loadError')} error={arena.error} onRetry={() => void arena.refetch()} />;
  const view = arena.data;
  return (
    <article aria-labelledby="arena-title" className="arena">
      <div className="page-intro">
        <p className="breadcrumb">
          <Link to="/">{t('nav.dialogues')}</Link>
        </p>
        <PageHeading id="arena-title">{view.name[lang]}</PageHeading>
        <p>{t('arena.intro')}</p>
        <ArenaFollowButton arenaId={view.id} following={view.viewer.following} />
      </div>
      <ArenaFigures figures={view.figures} />
      <p>
        <Link to={`/statistics?arenaId=${view.id}`}>{t('arena.metricsLink')}</Link>
      </p>
      <section aria-labelledby="arena-now-heading" className="page-section">
        <h2 id="arena-now-heading">{t('arena.now')}</h2>
        <CurrentDialogues arenaId={view.id} dialogues={view.openDialogues} />
        <UpcomingSessions sessions={view.upcomingSessions} />
      </section>
      <LibrarySection arenaId={view.id} canPublish={view.viewer.canPublishLibrary} />
      <section aria-labelledby="arena-learned-heading" className="page-section">
        <h2 id="arena-learned-heading">{t('arena.learned')}</h2>
        <PastDialogues dialogues={view.pastDialogues} />
      </section>
      <RelaySection arenaId={view.id} />
      <NetworksSection arenaId={view.id} />
      <ConsortiaSection arenaId={view.id} />
    </article>
  );
}
