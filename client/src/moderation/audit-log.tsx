// The audit log (who did what, when), newest first, filtered by action and period and paged
// backwards. The filters live in the URL, so a filtered log can be linked and survives back/forward.
import { useEffect, useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntryView, AuditQueryInput, FieldIssue } from '@dialogforum/contracts';
import { trpcClient } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { AUDIT_ACTIONS, isAuditAction, type AuditedAction } from '../audit-actions.ts';
import { focusFirstInvalid, FormAlert, SelectField, TextField } from '../ui/form-fields.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { byField } from '../form-validation.ts';
import { localDayToIsoWithOffset } from '../i18n/date-format.ts';
import { useModerationWords } from './moderation-words.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { AuditTable } from './audit-table.tsx';
import { NotAllowed } from './not-allowed.tsx';

/** Every audit-log query starts with this key, so one call refreshes them all. */
export const AUDIT_LOG_KEY = ['audit-log'] as const;
const PAGE_SIZE = 50;

type Filters = { action: AuditedAction | ''; from: string; to: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function filtersFrom(search: URLSearchParams): Filters {
  const action = search.get('action');
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  return { action: isAuditAction(action) ? action : '', from: DAY.test(from) ? from : '', to: DAY.test(to) ? to : '' };
}

function filtersToPath(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  const query = params.toString();
  return query ? `/moderation?${query}` : '/moderation';
}

const FILTER_FORM = 'audit-filter';
const FILTER_FIELDS = ['action', 'from', 'to'];

export function AuditLog() {
  const { t, plural, w, wPlural } = useModerationWords();
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const filterKey = filtersToPath(filters);
  const [draft, setDraft] = useState<Filters>(filters);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusSeq, setFocusSeq] = useState<number | null>(null);
  // Back/forward change the filters in the URL: show them in the form too.
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(filterKey.split('?')[1] ?? ''))), [filterKey]);

  const input: AuditQueryInput = {
    limit: PAGE_SIZE,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from ? { from: localDayToIsoWithOffset(filters.from) } : {}),
    // "To 3 March" includes that day: the server's end is exclusive, so the day after's start.
    ...(filters.to ? { to: localDayToIsoWithOffset(filters.to, { nextDay: true }) } : {}),
  };
  const log = useInfiniteQuery({
    queryKey: [...AUDIT_LOG_KEY, input],
    queryFn: ({ pageParam }) => trpcClient.audit.list.query(pageParam > 0 ? { ...input, before: pageParam } : input),
    initialPageParam: 0,
    getNextPageParam: (last: AuditEntryView[]) => (last.length === PAGE_SIZE ? last.at(-1)?.seq : undefined),
    // A moderator opening the page wants what happened up to now.
    staleTime: 0,
  });

  // After "older", the first newly shown entry takes focus (the button may be gone).
  useEffect(() => {
    if (focusSeq !== null) document.getElementById(`audit-entry-${focusSeq}`)?.focus();
  }, [focusSeq]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      const found: FieldIssue[] = [{ path: 'to', code: 'date_order' }];
      setIssues(found);
      focusFirstInvalid(FILTER_FORM, FILTER_FIELDS, byField(found));
      return;
    }
    setIssues([]);
    setFocusSeq(null);
    navigate(filtersToPath(draft));
  };
  const errors = byField(issues);
  const filtered = Boolean(filters.action || filters.from || filters.to);

  const loadOlder = async () => {
    const shown = log.data?.pages.length ?? 0;
    const result = await log.fetchNextPage();
    const first = result.data?.pages[shown]?.[0];
    if (first) setFocusSeq(first.seq);
  };

  const entries = log.data?.pages.flat() ?? [];
  let content;
  if (log.isPending) content = <Loading />;
  // A failed "older" keeps the pages already shown (it is reported below them).
  else if (log.isError && !log.isFetchNextPageError) {
    content = appErrorCode(log.error) === 'FORBIDDEN' ? <NotAllowed /> : (
      <ErrorNotice title={w('audit.loadError')} error={log.error} onRetry={() => void log.refetch()} />
    );
  } else {
    content = (
      <>
        <div className="section-header audit-summary">
          <p role="status" className="result-count">
            {entries.length === 0
              ? filtered
                ? w('audit.emptyFiltered')
                : w('audit.empty')
              : wPlural('audit.count', entries.length) + (log.hasNextPage ? ` ${w('audit.moreAvailable')}` : '')}
          </p>
          <button type="button" className="button button-secondary button-small" onClick={() => void log.refetch()} disabled={log.isFetching}>
            {log.isFetching && !log.isFetchingNextPage ? t('common.loading') : w('audit.refresh')}
          </button>
        </div>
        {entries.length > 0 && <AuditTable entries={entries} />}
        {log.isFetchNextPageError && <ErrorNotice title={w('audit.loadError')} error={log.error} onRetry={() => void loadOlder()} />}
        {log.hasNextPage ? (
          <p>
            <button type="button" className="button button-secondary" onClick={() => void loadOlder()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? t('common.loading') : w('audit.older')}
            </button>
          </p>
        ) : (
          entries.length > 0 && (log.data?.pages.length ?? 0) > 1 && <p className="muted">{w('audit.noOlder')}</p>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="audit-heading" className="page-section">
      <h2 id="audit-heading">{w('audit.title')}</h2>
      <p className="section-intro">{w('audit.intro')}</p>
      <form className="filter-form" onSubmit={submit} noValidate aria-label={w('audit.filterLabel')}>
        <FormAlert message={issues.length ? t('error.VALIDATION') : null} />
        <SelectField
          formId={FILTER_FORM}
          name="action"
          label={w('audit.filterAction')}
          issue={errors.action}
          value={draft.action}
          onChange={(event) => setDraft({ ...draft, action: isAuditAction(event.target.value) ? event.target.value : '' })}
        >
          <option value="">{w('audit.allActions')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {w(`auditAction.${action}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          formId={FILTER_FORM}
          name="from"
          type="date"
          label={w('audit.filterFrom')}
          issue={errors.from}
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <TextField
          formId={FILTER_FORM}
          name="to"
          type="date"
          label={w('audit.filterTo')}
          issue={errors.to}
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <div className="form-actions filter-actions">
          <button type="submit" className="button">
            {w('audit.filterSubmit')}
          </button>
          {filtered && (
            <Link to="/moderation" className="button button-secondary">
              {w('audit.filterClear')}
            </Link>
          )}
        </div>
      </form>
      {content}
    </section>
  );
}
