// "/dialogues/:id" — one dialogue: its details and description, its questions and answers (live,
// threads/), the buyers' inbox for its buyers, the asker's own questions waiting for them, the ask
// form for suppliers before the deadline, and for its buyers: the deadline, co-buyers (joint
// procurement) and how questions are handled (open or moderated); for everyone, the exports.
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DialogueView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { DialogueAttachments } from '../attachments/dialogue-attachments.tsx';
import { appErrorCode } from '../app-error.ts';
import { arenaName } from '../arena-names.ts';
import { CoOwnerAdd } from './co-owner-form.tsx';
import { Deadline, useDeadlinePassed } from './deadline.tsx';
import { DeadlineChange } from './deadline-form.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { ArchivePackageSection } from '../exports/archive-package-section.tsx';
import { ExportSection } from '../exports/export-section.tsx';
import { FollowButton } from '../notifications/follow-button.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { isModerator, useMe } from '../session.ts';
import { ArchiveAction } from './archive-action.tsx';
import { OutcomeSection } from './outcome-section.tsx';
import { AskSection } from './ask-section.tsx';
import { DialogueFacts } from './dialogue-facts.tsx';
import { DialogueHistory } from './dialogue-history.tsx';
import { StatutoryClock } from './statutory-clock.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { SessionsSection } from '../sessions/sessions-section.tsx';
import { MeetingRoundsSection } from '../meetings/meeting-rounds-section.tsx';
import { InboxSection, OwnQuestionsSection } from '../threads/inbox-section.tsx';
import { QaModeSwitch } from '../threads/qa-mode-switch.tsx';
import { ThreadsProvider } from '../threads/threads-context.tsx';
import { ThreadsSection } from '../threads/threads-section.tsx';
import { useDialogueThreads } from '../threads/use-dialogue-threads.ts';
import { DialogueRelayLinks } from '../relay/dialogue-relay-links.tsx';
import { DialogueConsortiumLink } from '../consortia/dialogue-consortium-link.tsx';

export function DialoguePage({ params }: { params: Record<string, string> }) {
  const dialogueId = params.id ?? '';
  const { t } = useI18n();
  const { hash, pathname } = useLocation();
  const dialogue = useQuery(trpc.dialogues.get.queryOptions({ dialogueId }));
  const me = useMe();

  if (dialogue.isPending) return <Loading />;
  if (dialogue.isError) {
    const code = appErrorCode(dialogue.error);
    if (code === 'NOT_FOUND' || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'VALIDATION') {
      // A dialogue for registered users only looks like a missing one to a visitor: offer to log in.
      const signedOut = code === 'UNAUTHENTICATED' || (me.isSuccess && !me.data);
      return (
        <>
          <PageHeading>{t('dialogue.notFoundTitle')}</PageHeading>
          <p>{code === 'UNAUTHENTICATED' ? t('dialogue.needsLogin') : t('dialogue.notFound')}</p>
          {signedOut && (
            <p>
              {code === 'UNAUTHENTICATED' ? null : `${t('dialogue.maybeRegisteredOnly')} `}
              <Link to={`/login?next=${encodeURIComponent(pathname)}`}>{t('nav.login')}</Link>
            </p>
          )}
          <p>
            <Link to="/">{t('dialogue.backToList')}</Link>
          </p>
        </>
      );
    }
    return (
      <>
        <PageHeading>{t('dialogue.loadError')}</PageHeading>
        <ErrorNotice title={t('dialogue.loadError')} error={dialogue.error} onRetry={() => void dialogue.refetch()} />
      </>
    );
  }
  return <DialogueContent dialogue={dialogue.data} threadHash={hash.startsWith('#thread-') ? hash.slice(1) : null} />;
}

function DialogueContent({ dialogue, threadHash }: { dialogue: DialogueView; threadHash: string | null }) {
  const { t, lang } = useI18n();
  const me = useMe();
  // A buyer whose address is unconfirmed sees why there is no answer button (one notice, here).
  const answerBlocked = dialogue.viewer.canAnswer && me.data?.emailVerified === false;
  const withInbox = dialogue.viewer.isOwner || isModerator(me.data);
  const { store, snapshot, order, setOrder, newSinceLastVisit } = useDialogueThreads(dialogue, withInbox);
  const deadlinePassed = useDeadlinePassed(dialogue.questionDeadline, dialogue.deadlinePassed);

  // A link to one thread (e.g. from search) scrolls to and focuses it once the threads are there.
  const focusedHash = useRef<string | null>(null);
  useEffect(() => {
    if (!threadHash || snapshot.status !== 'ready' || focusedHash.current === threadHash) return;
    const target = document.getElementById(threadHash);
    if (target) {
      focusedHash.current = threadHash;
      target.focus();
      target.scrollIntoView({ block: 'start' });
    }
  }, [threadHash, snapshot]);

  return (
    <ThreadsProvider value={{ dialogue, me: me.data ?? null, store, snapshot, newSinceLastVisit }}>
      <article className="dialogue" aria-labelledby="dialogue-title">
        <PageHeading id="dialogue-title" focusOnNavigation={!threadHash}>
          {dialogue.title}
        </PageHeading>

        <section aria-labelledby="dialogue-details-heading" className="dialogue-details">
          <h2 id="dialogue-details-heading" className="visually-hidden">
            {t('dialogue.details')}
          </h2>
          <dl className="meta meta-large">
            <div>
              <dt>{t('dialogue.owners')}</dt>
              <dd>{dialogue.owners.map((owner) => owner.name).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('dialogue.arena')}</dt>
              <dd>
                <Link to={`/arenas/${encodeURIComponent(dialogue.arenaId)}`}>{arenaName(dialogue.arenaId, lang)}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('dialogue.phase')}</dt>
              <dd>{t(`phase.${dialogue.phase}`)}</dd>
            </div>
            <div>
              <dt>{t('dialogue.deadline')}</dt>
              <dd>
                <Deadline iso={dialogue.questionDeadline} passed={deadlinePassed} />
              </dd>
            </div>
            <div>
              <dt>{t('dialogue.qaMode')}</dt>
              <dd>{t(`qaMode.${dialogue.qaMode}`)}</dd>
            </div>
            <div>
              <dt>{t('dialogue.visibility')}</dt>
              <dd>{t(`visibility.${dialogue.visibility}`)}</dd>
            </div>
            <DialogueFacts dialogue={dialogue} />
          </dl>
          {dialogue.archivedAt && (
            <p className="notice notice-warning" role="status">
              {t('dialogue.archivedNotice', { date: formatDate(dialogue.archivedAt, lang) })}
            </p>
          )}
          <FollowButton kind="dialogue" id={dialogue.id} dialogueId={dialogue.id} />
          {dialogue.viewer.isOwner &&
            (answerBlocked && me.data ? (
              <VerificationRequiredNotice action="answer" me={me.data} />
            ) : (
              <p className="notice notice-info">{t('dialogue.ownerNotice')}</p>
            ))}
          {dialogue.viewer.canEdit && (
            <div className="owner-actions">
              {!dialogue.archivedAt && (
                <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}/edit`} className="button">
                  {t('dialogue.edit')}
                </Link>
              )}
              <ArchiveAction dialogue={dialogue} />
            </div>
          )}
          {dialogue.viewer.canEdit && <DialogueRelayLinks dialogue={dialogue} />}
          <DialogueConsortiumLink dialogueId={dialogue.id} />
          {dialogue.viewer.canAnswer && !dialogue.archivedAt && (
            <div className="owner-actions">
              <DeadlineChange dialogue={dialogue} />
              {me.data?.emailVerified !== false && <CoOwnerAdd dialogue={dialogue} />}
              {me.data?.emailVerified !== false && <QaModeSwitch dialogue={dialogue} />}
            </div>
          )}
        </section>

        <StatutoryClock dialogue={dialogue} />
        <OutcomeSection dialogue={dialogue} />

        <section aria-labelledby="dialogue-description-heading">
          <h2 id="dialogue-description-heading">{t('dialogue.description')}</h2>
          <SafeMarkdown source={dialogue.description} />
        </section>
        <DialogueAttachments dialogue={dialogue} />

        <SessionsSection dialogue={dialogue} />
        <MeetingRoundsSection dialogue={dialogue} />
        {withInbox && <InboxSection />}
        <OwnQuestionsSection />
        <ThreadsSection order={order} onOrder={setOrder} />
        <AskSection dialogue={dialogue} deadlinePassed={deadlinePassed} />
        <ExportSection dialogueId={dialogue.id} />
        {isModerator(me.data) && <ArchivePackageSection dialogueId={dialogue.id} />}
        <DialogueHistory dialogue={dialogue} />
      </article>
    </ThreadsProvider>
  );
}
