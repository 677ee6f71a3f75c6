// The dashboard's selection: arena, buyer and a period of months. It lives in the address (so a
// selection can be linked to, and an arena's page links to its own), and is applied on "Show".
import { ARENA_IDS, metricsFilter, monthSchema, type MetricsFilter } from '@dialogforum/contracts';
import { useState, type FormEvent } from 'react';
import { arenaName } from '../arena-names.ts';
import { SelectField, TextField } from '../ui/form-fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { useMetricsTexts } from './metrics-texts.ts';

const FORM_ID = 'metrics-filter';

/** The selection the address holds; anything invalid in it is left out rather than refused. */
export function filterFromSearch(search: URLSearchParams): MetricsFilter {
  const candidate: Record<string, string> = {};
  for (const key of ['arenaId', 'buyerId', 'from', 'to'] as const) {
    const value = search.get(key);
    if (value) candidate[key] = value;
  }
  let filter: MetricsFilter = {};
  for (const [key, value] of Object.entries(candidate)) {
    const one = metricsFilter.safeParse({ [key]: value });
    if (one.success) filter = { ...filter, ...one.data };
  }
  return filter;
}

export function MetricsFilters({ filter, buyers }: { filter: MetricsFilter; buyers: { id: string; name: string }[] }) {
  const texts = useMetricsTexts();
  const { lang } = useI18n();
  const [draft, setDraft] = useState({ arenaId: filter.arenaId ?? '', buyerId: filter.buyerId ?? '', from: filter.from ?? '', to: filter.to ?? '' });
  const [invalid, setInvalid] = useState<Set<'from' | 'to'>>(new Set());

  function submit(event: FormEvent) {
    event.preventDefault();
    const wrong = new Set((['from', 'to'] as const).filter((key) => draft[key] !== '' && !monthSchema.safeParse(draft[key]).success));
    setInvalid(wrong);
    if (wrong.size > 0) {
      document.getElementById(`${FORM_ID}-${[...wrong][0]}`)?.focus();
      return;
    }
    const params = new URLSearchParams(Object.entries(draft).filter(([, value]) => value !== ''));
    const text = params.toString();
    navigate(`/statistics${text ? `?${text}` : ''}`, { replace: true });
  }

  const monthIssue = (key: 'from' | 'to') => (invalid.has(key) ? { path: key, code: 'invalid_format' as const } : undefined);
  return (
    <form id={FORM_ID} className="metrics-filters" aria-label={texts.filters} onSubmit={submit} noValidate>
      <SelectField label={texts.arena} name="arenaId" formId={FORM_ID} value={draft.arenaId} onChange={(event) => setDraft({ ...draft, arenaId: event.target.value })}>
        <option value="">{texts.allArenas}</option>
        {ARENA_IDS.map((id) => (
          <option key={id} value={id}>
            {arenaName(id, lang)}
          </option>
        ))}
      </SelectField>
      <SelectField label={texts.buyer} name="buyerId" formId={FORM_ID} value={draft.buyerId} onChange={(event) => setDraft({ ...draft, buyerId: event.target.value })}>
        <option value="">{texts.allBuyers}</option>
        {buyers.map((buyer) => (
          <option key={buyer.id} value={buyer.id}>
            {buyer.name}
          </option>
        ))}
      </SelectField>
      {(['from', 'to'] as const).map((key) => (
        <TextField
          key={key}
          label={texts[key]}
          hint={texts.monthHint}
          issue={monthIssue(key)}
          name={key}
          formId={FORM_ID}
          inputMode="numeric"
          autoComplete="off"
          value={draft[key]}
          onChange={(event) => setDraft({ ...draft, [key]: event.target.value.trim() })}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="button">
          {texts.apply}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft({ arenaId: '', buyerId: '', from: '', to: '' });
            setInvalid(new Set());
            navigate('/statistics', { replace: true });
          }}
        >
          {texts.reset}
        </button>
      </div>
    </form>
  );
}
