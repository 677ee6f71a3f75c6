// The dialogue's history: every recorded edit, newest first, with who made it (buyers act in office)
// and what changed from what to what. Long text (the description) is shown before and after on request.
import { useQuery } from '@tanstack/react-query';
import { PHASES, QA_MODES, VISIBILITIES, type DialogueFieldChange, type DialogueHistoryValue, type DialogueView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';

export function DialogueHistory({ dialogue }: { dialogue: DialogueView }) {
  const { t, lang } = useI18n();
  const history = useQuery(trpc.dialogues.history.queryOptions({ dialogueId: dialogue.id }));
  let content;
  if (history.isPending) content = <Loading />;
  else if (history.isError) content = <ErrorNotice title={t('dialogueHistory.loadError')} error={history.error} onRetry={() => void history.refetch()} />;
  else if (history.data.length === 0) content = <p>{t('dialogueHistory.empty')}</p>;
  else {
    content = (
      <ol className="dialogue-history">
        {history.data.map((entry) => (
          <li key={entry.id}>
            <p>
              <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
              {' – '}
              {entry.by ? t('dialogueHistory.by', { name: entry.by.name, organisation: entry.by.organisation ?? '' }) : t('dialogueHistory.byUnknown')}
            </p>
            <ul>
              {entry.changes.map((change) => (
                <li key={change.field}>
                  <ChangeLine change={change} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <section aria-labelledby="dialogue-history-heading" className="dialogue-history-section">
      <h2 id="dialogue-history-heading">{t('dialogueHistory.title')}</h2>
      {content}
    </section>
  );
}

function ChangeLine({ change }: { change: DialogueFieldChange }) {
  const { t, lang } = useI18n();
  switch (change.field) {
    case 'created':
      return <>{t('dialogueHistory.created')}</>;
    case 'archived':
      return <>{t(change.to === true ? 'dialogueHistory.archivedTrue' : 'dialogueHistory.archivedFalse')}</>;
    case 'owners':
      return <>{t('dialogueHistory.ownerAdded', { names: Array.isArray(change.to) ? change.to.join(', ') : '' })}</>;
    case 'description':
      return (
        <details>
          <summary>{t('dialogueHistory.field.description')}</summary>
          <p className="history-text-label">{t('dialogueHistory.before')}</p>
          <pre className="history-text">{describe(change.from, change.field, t, lang)}</pre>
          <p className="history-text-label">{t('dialogueHistory.after')}</p>
          <pre className="history-text">{describe(change.to, change.field, t, lang)}</pre>
        </details>
      );
    default:
      return (
        <>
          <strong>{t(`dialogueHistory.field.${change.field}`)}</strong>:{' '}
          {t('dialogueHistory.fromTo', { from: describe(change.from, change.field, t, lang), to: describe(change.to, change.field, t, lang) })}
        </>
      );
  }
}

const MOMENTS = new Set<DialogueFieldChange['field']>(['questionDeadline', 'tenderDeadline']);

function describe(value: DialogueHistoryValue, field: DialogueFieldChange['field'], t: Translate, lang: 'sv' | 'en'): string {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('dialogueHistory.none');
  if (typeof value === 'boolean') return t(value ? 'dialogueHistory.yes' : 'dialogueHistory.no');
  if (typeof value === 'string') {
    if (MOMENTS.has(field)) return formatDateTime(value, lang);
    if (field === 'phase' && isOneOf(PHASES, value)) return t(`phase.${value}`);
    if (field === 'visibility' && isOneOf(VISIBILITIES, value)) return t(`visibility.${value}`);
    // Short names: the page already says at length what each mode means.
    if (field === 'qaMode' && isOneOf(QA_MODES, value)) return t(`dialogueHistory.qaMode.${value}`);
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'string' ? item : `${formatDateTime(item.at, lang)}: ${item.label}`)).join('; ');
  }
  return [value.name, value.email, value.phone].filter(Boolean).join(', ');
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
