// "/rounds/:id" — a round of one-to-one meetings: the one agenda, length and place they share, the
// slots to book (one per organisation), and for the buyers the minutes of each meeting and closing
// the round, which publishes every meeting's minutes to all and is refused while any is missing.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MeetingRoundView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, InlineError, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { MeetingSlotItem, refreshRounds } from './meeting-slot-item.tsx';
import { useRoundPushes } from './use-round-pushes.ts';
import { Link } from '../router.tsx';

export function MeetingRoundPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const round = useQuery(trpc.meetings.round.queryOptions({ roundId: params.id ?? '' }));
  if (round.isPending) return <Loading />;
  if (round.isError) {
    const missing = appErrorCode(round.error) === 'NOT_FOUND' || appErrorCode(round.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{t(missing ? 'round.notFound' : 'round.loadError')}</PageHeading>
        {missing ? <p>{t('round.notFoundText')}</p> : <ErrorNotice title={t('round.loadError')} error={round.error} onRetry={() => void round.refetch()} />}
      </>
    );
  }
  return <RoundContent round={round.data} />;
}

function RoundContent({ round }: { round: MeetingRoundView }) {
  const { t, lang } = useI18n();
  useRoundPushes(round);
  const closed = round.status === 'closed';
  return (
    <article aria-labelledby="round-title" className="round">
      <p className="breadcrumb">
        <Link to={`/dialogues/${encodeURIComponent(round.dialogueId)}`}>{round.dialogueTitle}</Link>
      </p>
      <PageHeading id="round-title">{round.title}</PageHeading>
      <p className={`notice ${closed ? 'notice-success' : 'notice-info'}`}>
        {closed ? t('round.closedNotice', { date: formatDateTime(round.closedAt ?? round.endsAt, lang) }) : t('round.equalNotice')}
      </p>
      <dl className="meta meta-large">
        <div>
          <dt>{t('round.length')}</dt>
          <dd>{t('round.minutesEach', { minutes: round.slotMinutes })}</dd>
        </div>
        <div>
          <dt>{t('round.place')}</dt>
          <dd>{round.place === 'online' ? (round.meetingLink ? <a href={round.meetingLink} rel="noopener noreferrer nofollow">{round.meetingLink}</a> : t('round.linkWhenBooked')) : round.address}</dd>
        </div>
        <div>
          <dt>{t('round.booked')}</dt>
          <dd>{t('round.bookedOf', { booked: round.bookedCount, count: round.slotCount })}</dd>
        </div>
      </dl>
      <section aria-labelledby="round-agenda" className="page-section">
        <h2 id="round-agenda">{t('round.agenda')}</h2>
        {round.agenda.trim() ? <SafeMarkdown source={round.agenda} /> : <p className="muted">{t('session.noAgenda')}</p>}
      </section>
      <YourBooking round={round} />
      <section aria-labelledby="round-slots" className="page-section">
        <h2 id="round-slots">{closed ? t('round.publishedMinutes') : t('round.slots')}</h2>
        <ul className="card-list slot-list">
          {round.slots.map((slot) => (
            <MeetingSlotItem key={slot.id} round={round} slot={slot} />
          ))}
        </ul>
      </section>
      {round.viewer.isHost && !closed && <CloseRound round={round} />}
    </article>
  );
}

function YourBooking({ round }: { round: MeetingRoundView }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const giveBack = useMutation(
    trpc.meetings.cancelBooking.mutationOptions({
      onSuccess: () => {
        announce(t('round.givenBack'));
        void refreshRounds();
      },
    }),
  );
  const { viewer } = round;
  if (viewer.isHost) return null;
  const mine = round.slots.find((slot) => slot.id === viewer.bookedSlotId);
  let content;
  if (mine) content = <p className="notice notice-success">{t('round.yourSlot', { time: formatDateTime(mine.startsAt, lang) })}</p>;
  else if (viewer.cannotBookBecause === 'signed-out') content = <LoginNotice message={t('round.loginFirst')} returnTo={`/rounds/${round.id}`} />;
  else if (viewer.cannotBookBecause) content = <p className="notice notice-info">{t(`round.cannot.${viewer.cannotBookBecause}`)}</p>;
  else content = <p>{viewer.canBook ? t('round.chooseOne') : t('round.full')}</p>;
  return (
    <section aria-labelledby="round-booking" className="page-section">
      <h2 id="round-booking">{t('round.yourBooking')}</h2>
      {content}
      {mine && round.status === 'open' && mine.minutes === null && (
        <ConfirmAction label={t('round.giveBack')} question={t('round.giveBackQuestion')} confirmLabel={t('round.giveBack')} onConfirm={() => giveBack.mutate({ slotId: mine.id })} pending={giveBack.isPending} />
      )}
      <InlineError error={giveBack.error} />
    </section>
  );
}

function CloseRound({ round }: { round: MeetingRoundView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const close = useMutation(
    trpc.meetings.closeRound.mutationOptions({
      onSuccess: () => {
        announce(t('round.closedNow'));
        void refreshRounds();
      },
    }),
  );
  return (
    <section aria-labelledby="round-close" className="page-section">
      <h2 id="round-close">{t('round.closeTitle')}</h2>
      <p>{t('round.closeIntro')}</p>
      {round.viewer.missingMinutes > 0 && <p className="notice notice-warning">{t('round.missingMinutes', { count: round.viewer.missingMinutes })}</p>}
      <ConfirmAction label={t('round.close')} question={t('round.closeQuestion')} confirmLabel={t('round.close')} onConfirm={() => close.mutate({ roundId: round.id })} pending={close.isPending} />
      <InlineError error={close.error} />
    </section>
  );
}
