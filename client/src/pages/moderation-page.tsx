// "/moderation" — for moderators and admins: buyer organisations waiting to be verified, for admins
// appointing and dismissing moderators, and the audit log (who did what, when), newest first, filtered by action and period and paged backwards.
// The filters live in the URL, so a filtered log can be linked and survives back/forward. Anyone
// else is told plainly that the page is not for them (the server refuses them the data too).
import { useEffect, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { setModeratorInput, type AuditEntryView, type AuditQueryInput, type FieldIssue } from '@dialogforum/contracts';
import { queryClient, trpc, trpcClient } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { AUDIT_ACTIONS, isAuditAction, isAuditSubjectField, type AuditedAction } from '../audit-actions.ts';
import { Cell, DataTable, Row } from '../components/data-table.tsx';
import { focusFirstInvalid, FormAlert, SelectField, TextField } from '../components/form-fields.tsx';
import { OrgNumber } from '../components/organisation-badges.tsx';
import { useOutcome } from '../components/outcome.tsx';
import { useFormSubmission } from '../components/use-form-submission.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorNotice, Loading } from '../components/query-states.tsx';
import { LoginNotice } from '../components/login-notice.tsx';
import { byField } from '../form-validation.ts';
import { formatDateTime, localDayToIsoWithOffset } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { isModerator, useMe } from '../session.ts';

/** Every audit-log query starts with this key, so one call refreshes them all. */
export const AUDIT_LOG_KEY = ['audit-log'] as const;
const PAGE_SIZE = 50;

export function ModerationPage() {
  const { t } = useI18n();
  const me = useMe();

  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) {
    content = (
      <LoginNotice message={t('moderation.needsLogin')} returnTo="/moderation" />
    );
  } else if (!isModerator(me.data)) {
    content = <NotAllowed />;
  } else {
    content = (
      <>
        <VerificationQueue />
        {me.data.platformRole === 'admin' && <ModeratorAppointment />}
        <AuditLog />
      </>
    );
  }

  return (
    <>
      <div className="page-intro">
        <PageHeading>{t('moderation.title')}</PageHeading>
        {isModerator(me.data) && <p>{t('moderation.intro')}</p>}
      </div>
      {content}
    </>
  );
}

function NotAllowed() {
  const { t } = useI18n();
  return (
    <div className="notice notice-error">
      <p className="notice-title">{t('moderation.notAllowedTitle')}</p>
      <p>{t('moderation.notAllowed')}</p>
      <p>
        <Link to="/">{t('dialogue.backToList')}</Link>
      </p>
    </div>
  );
}

function VerificationQueue() {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const queue = useQuery({ ...trpc.organisations.verificationQueue.queryOptions(), staleTime: 0 });
  const outcome = useOutcome();
  const verify = useMutation(
    trpc.organisations.verify.mutationOptions({
      onSuccess: async (_result, { organisationId }) => {
        const name = queue.data?.find((organisation) => organisation.id === organisationId)?.name ?? '';
        await queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
        // The row, and the button that had focus, are gone: the outcome takes focus.
        outcome.show(t('moderation.verified', { name }), { focus: true });
      },
    }),
  );
  const columns = {
    name: t('moderation.column.organisation'),
    number: t('organisations.column.number'),
    action: t('moderation.column.action'),
  };

  let content;
  if (queue.isPending) content = <Loading />;
  else if (queue.isError) {
    if (appErrorCode(queue.error) === 'FORBIDDEN') content = <NotAllowed />;
    else content = <ErrorNotice title={t('moderation.queueLoadError')} error={queue.error} onRetry={() => void queue.refetch()} />;
  } else if (queue.data.length === 0) {
    content = <p className="empty-state">{t('moderation.queueEmpty')}</p>;
  } else {
    content = (
      <DataTable caption={plural('moderation.queueCaption', queue.data.length)} columns={Object.values(columns)}>
        {queue.data.map((organisation) => (
          <Row key={organisation.id}>
            <Cell label={columns.name} rowHeader>
              <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{organisation.name}</Link>
            </Cell>
            <Cell label={columns.number}>
              <OrgNumber digits={organisation.orgNumber} short />
            </Cell>
            <Cell label={columns.action} className="actions-cell">
              <button
                type="button"
                className="button button-small"
                aria-label={`${t('moderation.verify')}: ${organisation.name}`}
                onClick={() => verify.mutate({ organisationId: organisation.id })}
                disabled={verify.isPending}
              >
                {t('moderation.verify')}
              </button>
            </Cell>
          </Row>
        ))}
      </DataTable>
    );
  }

  return (
    <section aria-labelledby="queue-heading" className="page-section">
      <h2 id="queue-heading">{t('moderation.queueTitle')}</h2>
      <p className="section-intro">{t('moderation.queueIntro')}</p>
      <FormAlert message={verify.isError ? describeError(verify.error, i18n) : null} />
      {content}
      {outcome.node}
    </section>
  );
}

const MODERATOR_FORM = 'moderator';
const MODERATOR_FIELDS = ['email'];

/**
 * Admins appoint and dismiss moderators by the account's e-mail address. One field, two buttons:
 * the one pressed says which (Enter in the field appoints). The outcome is announced politely and
 * focus stays on the button that was pressed.
 */
function ModeratorAppointment() {
  const { t } = useI18n();
  const outcome = useOutcome();
  const [email, setEmail] = useState('');
  const appoint = useFormSubmission({
    formId: MODERATOR_FORM,
    fields: MODERATOR_FIELDS,
    schema: setModeratorInput,
    mutation: trpc.accounts.setModerator.mutationOptions({
      onSuccess: (_result, variables) => {
        setEmail('');
        void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
        outcome.show(t(variables.moderator ? 'moderators.appointed' : 'moderators.dismissed', { email: variables.email }));
      },
    }),
    explain: (code) => {
      if (code === 'NOT_FOUND') return { message: t('moderators.notFound', { email: email.trim() }) };
      if (code === 'FORBIDDEN') return { message: t('moderators.forbidden') };
      return undefined;
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    event.preventDefault();
    if (appoint.isPending) return;
    outcome.clear();
    appoint.submit(event, { email: email.trim(), moderator: submitter?.getAttribute('value') !== 'dismiss' });
  };

  return (
    <section aria-labelledby="moderators-heading" className="page-section">
      <h2 id="moderators-heading">{t('moderators.title')}</h2>
      <p className="section-intro">{t('moderators.intro')}</p>
      <form className="form" onSubmit={submit} noValidate aria-label={t('moderators.formLabel')}>
        <FormAlert message={appoint.formError} />
        <TextField
          formId={MODERATOR_FORM}
          name="email"
          type="email"
          label={t('moderators.field')}
          issue={appoint.errors.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="form-actions">
          {/* aria-disabled, not disabled: the pressed button keeps focus while the request runs. */}
          <button type="submit" name="action" value="appoint" className="button" aria-disabled={appoint.isPending}>
            {t('moderators.appoint')}
          </button>
          <button type="submit" name="action" value="dismiss" className="button button-secondary" aria-disabled={appoint.isPending}>
            {t('moderators.dismiss')}
          </button>
        </div>
      </form>
      {outcome.node}
    </section>
  );
}

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

function AuditLog() {
  const { t, plural } = useI18n();
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
      <ErrorNotice title={t('audit.loadError')} error={log.error} onRetry={() => void log.refetch()} />
    );
  } else {
    content = (
      <>
        <div className="section-header audit-summary">
          <p role="status" className="result-count">
            {entries.length === 0
              ? filtered
                ? t('audit.emptyFiltered')
                : t('audit.empty')
              : plural('audit.count', entries.length) + (log.hasNextPage ? ` ${t('audit.moreAvailable')}` : '')}
          </p>
          <button type="button" className="button button-secondary button-small" onClick={() => void log.refetch()} disabled={log.isFetching}>
            {log.isFetching && !log.isFetchingNextPage ? t('common.loading') : t('audit.refresh')}
          </button>
        </div>
        {entries.length > 0 && <AuditTable entries={entries} />}
        {log.isFetchNextPageError && <ErrorNotice title={t('audit.loadError')} error={log.error} onRetry={() => void loadOlder()} />}
        {log.hasNextPage ? (
          <p>
            <button type="button" className="button button-secondary" onClick={() => void loadOlder()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? t('common.loading') : t('audit.older')}
            </button>
          </p>
        ) : (
          entries.length > 0 && (log.data?.pages.length ?? 0) > 1 && <p className="muted">{t('audit.noOlder')}</p>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="audit-heading" className="page-section">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      <p className="section-intro">{t('audit.intro')}</p>
      <form className="filter-form" onSubmit={submit} noValidate aria-label={t('audit.filterLabel')}>
        <FormAlert message={issues.length ? t('error.VALIDATION') : null} />
        <SelectField
          formId={FILTER_FORM}
          name="action"
          label={t('audit.filterAction')}
          issue={errors.action}
          value={draft.action}
          onChange={(event) => setDraft({ ...draft, action: isAuditAction(event.target.value) ? event.target.value : '' })}
        >
          <option value="">{t('audit.allActions')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`auditAction.${action}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          formId={FILTER_FORM}
          name="from"
          type="date"
          label={t('audit.filterFrom')}
          issue={errors.from}
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <TextField
          formId={FILTER_FORM}
          name="to"
          type="date"
          label={t('audit.filterTo')}
          issue={errors.to}
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <div className="form-actions filter-actions">
          <button type="submit" className="button">
            {t('audit.filterSubmit')}
          </button>
          {filtered && (
            <Link to="/moderation" className="button button-secondary">
              {t('audit.filterClear')}
            </Link>
          )}
        </div>
      </form>
      {content}
    </section>
  );
}

function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  const { t, lang } = useI18n();
  const columns = {
    when: t('audit.column.when'),
    who: t('audit.column.who'),
    what: t('audit.column.what'),
    details: t('audit.column.details'),
  };
  return (
    <DataTable caption={t('audit.caption')} captionHidden columns={Object.values(columns)} className="audit-table">
      {entries.map((entry) => (
        <Row key={entry.seq} id={`audit-entry-${entry.seq}`} focusable>
          <Cell label={columns.when} rowHeader>
            <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
          </Cell>
          <Cell label={columns.who}>
            {entry.actor === null ? (
              <span className="muted">{t('audit.noActor')}</span>
            ) : entry.actor.id === 'ADMIN_EMAILS' ? (
              t('audit.actorAdminEmails')
            ) : (
              entry.actor.name
            )}
          </Cell>
          <Cell label={columns.what}>{isAuditAction(entry.action) ? t(`auditAction.${entry.action}`) : entry.action}</Cell>
          <Cell label={columns.details}>
            <SubjectFields subject={entry.subject} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}

function SubjectFields({ subject }: { subject: Record<string, string> }) {
  const { t, lang } = useI18n();
  const fields = Object.entries(subject);
  if (fields.length === 0) return <span className="muted">–</span>;

  const value = (key: string, text: string) => {
    switch (key) {
      case 'organisationId':
        return <Link to={`/organisations/${encodeURIComponent(text)}`}><code>{text}</code></Link>;
      case 'dialogueId':
        return <Link to={`/dialogues/${encodeURIComponent(text)}`}><code>{text}</code></Link>;
      case 'role':
        return text === 'owner' || text === 'member' ? t(`role.${text}`) : text === 'admin' || text === 'moderator' ? t(`platformRole.${text}`) : text;
      case 'from':
      case 'to':
        return <time dateTime={text}>{formatDateTime(text, lang)}</time>;
      case 'email':
      case 'address':
        return text;
      default:
        return <code>{text}</code>;
    }
  };

  return (
    <ul className="subject-list">
      {fields.map(([key, text]) => (
        <li key={key}>
          <span className="subject-key">{isAuditSubjectField(key) ? t(`audit.field.${key}`) : key}:</span> {value(key, text)}
        </li>
      ))}
    </ul>
  );
}
