// "/dialogues/:id" — one dialogue: its details and description, every question with its official
// answers (live), the ask form for suppliers before the deadline, and for its buyers answer forms,
// moving the question deadline and adding a co-buyer (joint procurement).
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DialogueView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { arenaName } from '../arena-names.ts';
import { CoOwnerAdd } from '../components/co-owner-form.tsx';
import { ConnectionStatus } from '../components/connection-status.tsx';
import { Deadline, useDeadlinePassed } from '../components/deadline.tsx';
import { DeadlineChange } from '../components/deadline-form.tsx';
import { useAnnounce } from '../components/live-announcer.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorNotice, Loading } from '../components/query-states.tsx';
import { SafeMarkdown } from '../components/safe-markdown.tsx';
import { ThreadItem } from '../components/thread-item.tsx';
import { AskQuestionForm } from '../components/ask-question-form.tsx';
import { VerificationRequiredNotice } from '../components/email-verification.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { useDialogueLiveUpdates } from '../realtime.ts';
import { useMe } from '../session.ts';

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
  const announce = useAnnounce();
  const me = useMe();
  // A buyer whose address is unconfirmed sees why there is no answer button (one notice, here).
  const answerBlocked = dialogue.viewer.canAnswer && me.data?.emailVerified === false;
  const threads = useQuery(trpc.threads.list.queryOptions({ dialogueId: dialogue.id }));
  const deadlinePassed = useDeadlinePassed(dialogue.questionDeadline, dialogue.deadlinePassed);

  useDialogueLiveUpdates(dialogue.id, true, announce, {
    newQuestion: (title) => t('live.newQuestion', { title }),
    newAnswer: (title, official) => t(official ? 'live.newOfficialAnswer' : 'live.newAnswer', { title }),
    dialogueChanged: (deadline) =>
      deadline ? t('live.deadlineChanged', { date: formatDateTime(deadline, lang) }) : t('live.dialogueChanged'),
  });

  // A link to one thread (e.g. from search) scrolls to and focuses it once the threads are there.
  const focusedHash = useRef<string | null>(null);
  useEffect(() => {
    if (!threadHash || !threads.data || focusedHash.current === threadHash) return;
    const target = document.getElementById(threadHash);
    if (target) {
      focusedHash.current = threadHash;
      target.focus();
      target.scrollIntoView({ block: 'start' });
    }
  }, [threadHash, threads.data]);

  return (
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
              <Link to={`/?arena=${encodeURIComponent(dialogue.arenaId)}`}>{arenaName(dialogue.arenaId, lang)}</Link>
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
            <dt>{t('dialogue.visibility')}</dt>
            <dd>{t(`visibility.${dialogue.visibility}`)}</dd>
          </div>
        </dl>
        {dialogue.viewer.isOwner &&
          (answerBlocked && me.data ? (
            <VerificationRequiredNotice action="answer" me={me.data} />
          ) : (
            <p className="notice notice-info">{t('dialogue.ownerNotice')}</p>
          ))}
        {dialogue.viewer.canAnswer && (
          <div className="owner-actions">
            <DeadlineChange dialogue={dialogue} />
            {me.data?.emailVerified !== false && <CoOwnerAdd dialogue={dialogue} />}
          </div>
        )}
      </section>

      <section aria-labelledby="dialogue-description-heading">
        <h2 id="dialogue-description-heading">{t('dialogue.description')}</h2>
        <SafeMarkdown source={dialogue.description} />
      </section>

      <section aria-labelledby="threads-heading" className="threads">
        <div className="section-header">
          <h2 id="threads-heading">
            {t('threads.title')}
            {threads.data ? <span className="count"> ({threads.data.length})</span> : null}
          </h2>
          <ConnectionStatus />
        </div>
        {threads.isPending ? (
          <Loading label={t('threads.loading')} />
        ) : threads.isError ? (
          <ErrorNotice title={t('threads.loadError')} error={threads.error} onRetry={() => void threads.refetch()} />
        ) : threads.data.length === 0 ? (
          <p className="empty-state">{t('threads.empty')}</p>
        ) : (
          <ol className="thread-list">
            {threads.data.map((thread) => (
              <li key={thread.id}>
                <ThreadItem thread={thread} canAnswer={dialogue.viewer.canAnswer} answerBlocked={answerBlocked} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <AskSection dialogue={dialogue} deadlinePassed={deadlinePassed} />
    </article>
  );
}

function AskSection({ dialogue, deadlinePassed }: { dialogue: DialogueView; deadlinePassed: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const { pathname } = useLocation();

  let content;
  if (deadlinePassed) {
    content = (
      <p className="notice notice-warning" role="status">
        <strong>{t('ask.deadlinePassed')}</strong>
      </p>
    );
  } else if (me.isPending) {
    content = <Loading />;
  } else if (!me.data) {
    const next = encodeURIComponent(pathname);
    content = (
      <p className="notice notice-info">
        <Link to={`/login?next=${next}`}>{t('ask.loginPrompt')}</Link> {t('ask.loginOr')}{' '}
        <Link to={`/register?next=${next}`}>{t('ask.registerPrompt')}</Link>.
      </p>
    );
  } else if (dialogue.viewer.isOwner) {
    content = <p className="notice notice-info">{t('ask.ownerCannotAsk')}</p>;
  } else if (!me.data.emailVerified) {
    // Asking needs a confirmed address, and the server does not offer it before (canAsk is false):
    // say what to do rather than "you cannot ask".
    content = <VerificationRequiredNotice action="ask" me={me.data} />;
  } else if (!dialogue.viewer.canAsk) {
    content = <p className="notice notice-info">{t('ask.notAllowed')}</p>;
  } else {
    content = (
      <>
        <p>{t('ask.intro')}</p>
        <AskQuestionForm dialogueId={dialogue.id} />
      </>
    );
  }

  return (
    <section aria-labelledby="ask-heading" className="ask">
      <h2 id="ask-heading">{t('ask.title')}</h2>
      {content}
    </section>
  );
}
