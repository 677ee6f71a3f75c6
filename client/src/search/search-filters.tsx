// Filters beside the results, each value with how many results hold it (counted by the server over
// everything the reader may see, not only this page). Ticking a value searches again at once; the
// filters stay mounted meanwhile, so the keyboard stays on the box just ticked (WCAG 2.4.3).
import type { SearchFacetName, SearchFacetValue, SearchInput, SearchResultsView } from '@dialogforum/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { arenaName } from '../arena-names.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Props = { search: SearchInput; facets: NonNullable<SearchResultsView['facets']>; onChange: (next: SearchInput) => void };

/** Which input list each facet narrows. */
const FILTER_OF = {
  kind: 'kinds',
  arenaId: 'arenaIds',
  dialogueId: 'dialogueIds',
  buyerOrganisationId: 'buyerOrganisationIds',
  phase: 'phases',
} as const satisfies Partial<Record<SearchFacetName, keyof SearchInput>>;

export function SearchFilters({ search, facets, onChange }: Props) {
  const { t, lang } = useI18n();
  const label = (facet: SearchFacetName, value: SearchFacetValue): string => {
    if (value.label) return value.label;
    if (facet === 'kind') return t(`search.kind.${value.value as 'question'}`);
    if (facet === 'arenaId') return arenaName(value.value, lang);
    if (facet === 'phase') return t(`phase.${value.value as 'tender'}`);
    if (facet === 'answered') return t(value.value === 'true' ? 'search.answered.true' : 'search.answered.false');
    return value.value;
  };
  const selected = (facet: SearchFacetName, value: string): boolean => {
    if (facet === 'answered') return search.answered !== undefined && String(search.answered) === value;
    return ((search[FILTER_OF[facet]] ?? []) as string[]).includes(value);
  };
  const toggle = (facet: SearchFacetName, value: string) => {
    const next: SearchInput = { ...search, page: 1 };
    if (facet === 'answered') {
      if (selected(facet, value)) delete next.answered;
      else next.answered = value === 'true';
    } else {
      const key = FILTER_OF[facet];
      const current = (search[key] ?? []) as string[];
      const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
      (next as Record<string, unknown>)[key] = values.length ? values : undefined;
    }
    onChange(next);
  };
  const groups: SearchFacetName[] = ['kind', 'answered', 'arenaId', 'phase', 'buyerOrganisationId', 'dialogueId'];
  return (
    <aside className="search-filters" aria-label={t('search.filters')}>
      {groups.map((facet) => {
        // A chosen value stays visible with a zero count, so it can be unticked.
        const values = facets[facet];
        if (values.length === 0) return null;
        return (
          <fieldset key={facet} className="search-facet">
            <legend>{t(`search.facet.${facet}`)}</legend>
            {values.map((value) => (
              <label key={value.value} className="checkbox-label">
                <input type="checkbox" checked={selected(facet, value.value)} onChange={() => toggle(facet, value.value)} />
                {label(facet, value)} <span className="facet-count">({value.count})</span>
              </label>
            ))}
          </fieldset>
        );
      })}
      <DateRange search={search} onChange={onChange} />
    </aside>
  );
}

function DateRange({ search, onChange }: Pick<Props, 'search' | 'onChange'>) {
  const { t } = useI18n();
  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');
  // Back, forward or "clear the filters" change the dates in the URL: show them in the fields too.
  useEffect(() => setFrom(search.from ?? ''), [search.from]);
  useEffect(() => setTo(search.to ?? ''), [search.to]);
  const toField = useRef<HTMLInputElement>(null);
  const wrongOrder = from !== '' && to !== '' && from > to;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    // Refused: focus goes to the field in error, which says why (as every form does).
    if (wrongOrder) {
      toField.current?.focus();
      return;
    }
    const next: SearchInput = { ...search, page: 1 };
    if (from) next.from = from;
    else delete next.from;
    if (to) next.to = to;
    else delete next.to;
    onChange(next);
  };
  return (
    <form className="search-facet" onSubmit={apply}>
      <fieldset>
        <legend>{t('search.facet.date')}</legend>
        <label>
          {t('search.dateFrom')}
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          {t('search.dateTo')}
          <input ref={toField} type="date" value={to} onChange={(event) => setTo(event.target.value)} aria-invalid={wrongOrder} aria-describedby={wrongOrder ? 'search-date-error' : undefined} />
        </label>
        {wrongOrder && (
          <p id="search-date-error" className="field-error">
            {t('search.dateOrder')}
          </p>
        )}
        <button type="submit" className="button button-secondary">
          {t('search.applyDates')}
        </button>
      </fieldset>
    </form>
  );
}
