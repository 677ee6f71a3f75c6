// For admins: events the platform gave up on after its retries (a confirmation mail the recipient's
// server refuses for good, say), with why and how often they were tried. Once the cause is fixed an
// admin retries one, or dismisses it. The retry itself is done by the processor a moment later, so
// while one is being retried the list refreshes itself and then says how it went.
import { useEffect, useRef } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { DeadLetterView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useModerationWords } from './moderation-words.ts';
import { AUDIT_LOG_KEY } from './audit-log.tsx';
import { NotAllowed } from './not-allowed.tsx';

const PROCESSORS = ['mail', 'search-indexer', 'realtime', 'audit', 'view-cache', 'notifier'] as const;
type KnownProcessor = (typeof PROCESSORS)[number];
const isKnownProcessor = (name: string): name is KnownProcessor => (PROCESSORS as readonly string[]).includes(name);

/** How often the list refreshes while a retry is under way. */
const RETRY_POLL_MS = 1000;

export function DeadLetters() {
  const i18n = useModerationWords();
  const { t, w, wPlural } = i18n;
  const outcome = useOutcome();
  const list = useQuery({
    ...trpc.deadLetters.list.queryOptions({}),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.some((letter) => letter.status === 'retrying') ? RETRY_POLL_MS : false),
  });
  /** Retried here and not yet seen through: when one leaves the list it went through. */
  const awaited = useRef(new Map<string, string>());

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.deadLetters.pathKey() });
    void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
  };
  const retry = useMutation(
    trpc.deadLetters.retry.mutationOptions({
      onSuccess: async (_result, { deadLetterId }) => {
        awaited.current.set(deadLetterId, describeEvent(list.data?.find((letter) => letter.id === deadLetterId)));
        outcome.show(w('deadLetters.retryRequested'));
        await refresh();
      },
    }),
  );
  const dismiss = useMutation(
    trpc.deadLetters.dismiss.mutationOptions({
      onSuccess: async (_result, { deadLetterId }) => {
        const event = describeEvent(list.data?.find((letter) => letter.id === deadLetterId));
        await refresh();
        // The row and the button that had focus are gone: the outcome takes focus.
        outcome.show(w('deadLetters.dismissed', { event }), { focus: true });
      },
    }),
  );

  useEffect(() => {
    if (!list.data) return;
    for (const [id, event] of awaited.current) {
      const letter = list.data.find((candidate) => candidate.id === id);
      if (letter?.status === 'retrying') continue;
      awaited.current.delete(id);
      if (letter) outcome.show(w('deadLetters.failedAgain', { event }));
      else outcome.show(w('deadLetters.resolved', { event }), { focus: true });
    }
    // `outcome` and `t` change identity every render; the list is what is watched.
  }, [list.data]);

  const columns = {
    event: w('deadLetters.column.event'),
    error: w('deadLetters.column.error'),
    attempts: w('deadLetters.column.attempts'),
    lastFailed: w('deadLetters.column.lastFailed'),
    action: t('moderation.column.action'),
  };

  let content;
  if (list.isPending) content = <Loading />;
  else if (list.isError) {
    content =
      appErrorCode(list.error) === 'FORBIDDEN' ? <NotAllowed /> : (
        <ErrorNotice title={w('deadLetters.loadError')} error={list.error} onRetry={() => void list.refetch()} />
      );
  } else if (list.data.length === 0) {
    content = <p className="empty-state">{w('deadLetters.empty')}</p>;
  } else {
    content = (
      <DataTable caption={wPlural('deadLetters.caption', list.data.length)} columns={Object.values(columns)}>
        {list.data.map((letter) => (
          <DeadLetterRow
            key={letter.id}
            letter={letter}
            columns={columns}
            busy={retry.isPending || dismiss.isPending}
            onRetry={() => retry.mutate({ deadLetterId: letter.id })}
            onDismiss={() => dismiss.mutate({ deadLetterId: letter.id })}
          />
        ))}
      </DataTable>
    );
  }

  const failed = retry.error ?? dismiss.error;
  return (
    <section aria-labelledby="dead-letters-heading" className="page-section">
      <h2 id="dead-letters-heading">{w('deadLetters.title')}</h2>
      <p className="section-intro">{w('deadLetters.intro')}</p>
      <FormAlert message={failed ? describeError(failed, i18n) : null} />
      {content}
      {outcome.node}
    </section>
  );
}

function DeadLetterRow({
  letter,
  columns,
  busy,
  onRetry,
  onDismiss,
}: {
  letter: DeadLetterView;
  columns: Record<'event' | 'error' | 'attempts' | 'lastFailed' | 'action', string>;
  busy: boolean;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const { t, lang, w, wPlural } = useModerationWords();
  const event = describeEvent(letter);
  const retrying = letter.status === 'retrying';
  return (
    <Row>
      <Cell label={columns.event} rowHeader>
        <span className="dead-letter-processor">
          {isKnownProcessor(letter.processor) ? w(`deadLetters.processor.${letter.processor}`) : letter.processor}
        </span>{' '}
        <code>{event}</code>
      </Cell>
      <Cell label={columns.error}>
        <span className="dead-letter-error">{letter.error}</span>
      </Cell>
      <Cell label={columns.attempts}>{letter.attempts}</Cell>
      <Cell label={columns.lastFailed}>
        <time dateTime={letter.lastFailedAt}>{formatDateTime(letter.lastFailedAt, lang)}</time>
      </Cell>
      <Cell label={columns.action} className="actions-cell">
        {retrying ? (
          <span className="muted">{w('deadLetters.retrying')}</span>
        ) : (
          <>
            {/* aria-disabled, not disabled: the pressed button keeps focus while the request runs. */}
            <button
              type="button"
              className="button button-small"
              aria-label={`${w('deadLetters.retry')}: ${event}`}
              aria-disabled={busy}
              onClick={() => {
                if (!busy) onRetry();
              }}
            >
              {w('deadLetters.retry')}
            </button>{' '}
            <ConfirmAction
              label={w('deadLetters.dismiss')}
              ariaLabel={`${w('deadLetters.dismiss')}: ${event}`}
              question={w('deadLetters.dismissQuestion')}
              confirmLabel={w('deadLetters.dismissConfirm')}
              onConfirm={onDismiss}
              pending={busy}
              className="button button-secondary button-small"
            />
          </>
        )}
      </Cell>
    </Row>
  );
}

/** "mail.queued #42": what the event was and its place in the event log. */
function describeEvent(letter: DeadLetterView | undefined): string {
  return letter ? `${letter.eventType} #${letter.eventSeq}` : '';
}
