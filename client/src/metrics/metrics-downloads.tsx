// Downloads of the figures shown: the open data API's own addresses with the same selection, so
// what a reader saves is exactly what integrators fetch (and what the page shows).
import type { MetricsFilter } from '@dialogforum/contracts';
import { useMetricsTexts } from './metrics-texts.ts';

const OPEN_DATA = '/api/open/v1';

/** The dashboard's selection under the API's parameter names. */
function apiQuery(filter: MetricsFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (filter.arenaId) params.set('arena', filter.arenaId);
  if (filter.buyerId) params.set('buyer', filter.buyerId);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function MetricsDownloads({ filter }: { filter: MetricsFilter }) {
  const texts = useMetricsTexts();
  const links: [string, string, string][] = [
    [texts.csvMonths, `${OPEN_DATA}/metrics.csv${apiQuery(filter, { table: 'months' })}`, 'dialogforum-metrics-months.csv'],
    [texts.csvArenas, `${OPEN_DATA}/metrics.csv${apiQuery(filter, { table: 'arenas' })}`, 'dialogforum-metrics-arenas.csv'],
    [texts.csvBuyers, `${OPEN_DATA}/metrics.csv${apiQuery(filter, { table: 'buyers' })}`, 'dialogforum-metrics-buyers.csv'],
    [texts.csvDialogues, `${OPEN_DATA}/metrics.csv${apiQuery(filter, { table: 'dialogues' })}`, 'dialogforum-metrics-dialogues.csv'],
    [texts.json, `${OPEN_DATA}/metrics${apiQuery(filter)}`, 'dialogforum-metrics.json'],
    [texts.jsonDialogues, `${OPEN_DATA}/metrics/dialogues${apiQuery(filter, { limit: '100' })}`, 'dialogforum-metrics-dialogues.json'],
  ];
  return (
    <section aria-labelledby="metrics-downloads-heading" className="page-section">
      <h2 id="metrics-downloads-heading">{texts.downloads}</h2>
      <p>{texts.downloadsIntro}</p>
      <ul className="metrics-downloads">
        {links.map(([label, href, fileName]) => (
          <li key={href}>
            <a href={href} download={fileName}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`${OPEN_DATA}/openapi.json`}>{texts.apiDocs}</a>
        </li>
      </ul>
    </section>
  );
}
