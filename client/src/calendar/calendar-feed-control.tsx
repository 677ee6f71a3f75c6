// A subscribable calendar feed: the person's own sessions, or one dialogue's. The server keeps only
// a hash of the feed's secret address, so the address is shown once, when it is made, with a button
// to copy it and a webcal: link that opens the calendar app. Making a new one stops the old address
// (for a leaked link); stopping the feed makes its address answer "not found".
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { CalendarFeedView, CreateCalendarFeedInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function CalendarFeedControl({ input }: { input: CreateCalendarFeedInput }) {
  const feeds = useQuery(trpc.calendar.feeds.queryOptions());
  const existing = feeds.data?.find((feed) => feed.scope === input.scope && (input.scope === 'person' || feed.dialogue?.id === input.dialogueId)) ?? null;
  return <FeedActions input={input} existing={existing} />;
}

function FeedActions({ input, existing }: { input: CreateCalendarFeedInput; existing: CalendarFeedView | null }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.calendar.feeds.queryKey() });
  const create = useMutation(
    trpc.calendar.createFeed.mutationOptions({
      onSuccess: (made) => {
        setUrl(made.url);
        setCopied(false);
        announce(t('calendarFeed.made'));
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.calendar.revokeFeed.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        announce(t('calendarFeed.stopped'));
        void refresh();
      },
    }),
  );
  const error = create.error ?? revoke.error;
  const copy = async () => {
    if (!url) return;
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setCopied(true);
    announce(t('calendarFeed.copied'));
  };

  return (
    <div className="calendar-feed">
      {url ? (
        <div className="notice notice-success">
          <label htmlFor={`feed-url-${input.scope}`}>{t('calendarFeed.address')}</label>
          <input id={`feed-url-${input.scope}`} className="feed-url" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
          <p className="field-hint">{t('calendarFeed.shownOnce')}</p>
          <div className="owner-actions">
            <button type="button" className="button button-secondary button-small" onClick={() => void copy()}>
              {copied ? t('calendarFeed.copiedShort') : t('calendarFeed.copy')}
            </button>
            <a className="button button-secondary button-small" href={url.replace(/^https?:/, 'webcal:')}>
              {t('calendarFeed.open')}
            </a>
          </div>
        </div>
      ) : existing ? (
        <p>{t('calendarFeed.exists', { date: formatDateTime(existing.createdAt, lang) })}</p>
      ) : (
        <p className="muted">{t('calendarFeed.none')}</p>
      )}
      <div className="owner-actions">
        {existing ? (
          <ConfirmAction
            label={t('calendarFeed.remake')}
            question={t('calendarFeed.remakeQuestion')}
            confirmLabel={t('calendarFeed.remake')}
            onConfirm={() => create.mutate(input)}
            pending={create.isPending}
          />
        ) : (
          <button type="button" className="button button-secondary" aria-disabled={create.isPending} onClick={() => !create.isPending && create.mutate(input)}>
            {t('calendarFeed.make')}
          </button>
        )}
        {existing && (
          <ConfirmAction
            label={t('calendarFeed.stop')}
            question={t('calendarFeed.stopQuestion')}
            confirmLabel={t('calendarFeed.stop')}
            onConfirm={() => revoke.mutate({ feedId: existing.id })}
            pending={revoke.isPending}
          />
        )}
      </div>
      <InlineError error={error} />
    </div>
  );
}
