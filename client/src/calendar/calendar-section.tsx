// The account page's calendar: the feed of the person's own sessions, and the dialogue feeds they
// made (each can be stopped here; a new one is made on the dialogue's page).
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient, trpc } from '../api.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { ErrorNotice, InlineError, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { CalendarFeedControl } from './calendar-feed-control.tsx';

export function CalendarSection() {
  const { t } = useI18n();
  const feeds = useQuery(trpc.calendar.feeds.queryOptions());
  const revoke = useMutation(trpc.calendar.revokeFeed.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.calendar.feeds.queryKey() }) }));
  const dialogueFeeds = feeds.data?.filter((feed) => feed.dialogue !== null) ?? [];
  return (
    <section aria-labelledby="calendar-heading" className="account-section" id="calendar">
      <h2 id="calendar-heading">{t('calendarFeed.accountTitle')}</h2>
      <p className="section-intro">{t('calendarFeed.accountIntro')}</p>
      {feeds.isPending ? (
        <Loading />
      ) : feeds.isError ? (
        <ErrorNotice title={t('calendarFeed.loadError')} error={feeds.error} onRetry={() => void feeds.refetch()} />
      ) : (
        <>
          <CalendarFeedControl input={{ scope: 'person' }} />
          {dialogueFeeds.length > 0 && (
            <>
              <h3>{t('calendarFeed.dialogueFeeds')}</h3>
              <ul className="calendar-feed-list">
                {dialogueFeeds.map((feed) => (
                  <li key={feed.id}>
                    <Link to={`/dialogues/${encodeURIComponent(feed.dialogue!.id)}`}>{feed.dialogue!.title}</Link>{' '}
                    <ConfirmAction
                      label={t('calendarFeed.stop')}
                      ariaLabel={`${t('calendarFeed.stop')}: ${feed.dialogue!.title}`}
                      question={t('calendarFeed.stopQuestion')}
                      confirmLabel={t('calendarFeed.stop')}
                      onConfirm={() => revoke.mutate({ feedId: feed.id })}
                      pending={revoke.isPending}
                      className="button button-secondary button-small"
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
          <InlineError error={revoke.error} />
        </>
      )}
    </section>
  );
}
