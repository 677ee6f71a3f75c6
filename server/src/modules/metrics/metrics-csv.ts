// The figures as CSV, one table at a time (by month, arena, buyer or dialogue): the downloads of the
// dashboard and the open data API. Column names are the figures' names, stable for scripts.
import { CONTRACT_VALUE_BANDS, METRIC_NAMES, type MetricFigures, type MetricsView } from '@dialogforum/contracts';
import { csvText } from '../exports/csv-text.ts';

export type MetricsTable = 'months' | 'arenas' | 'buyers' | 'dialogues';

const figureCells = (figures: MetricFigures): string[] => [
  ...METRIC_NAMES.map((name) => (figures[name] === null ? '' : String(figures[name]))),
  ...CONTRACT_VALUE_BANDS.map((band) => String(figures.contractValueBands[band])),
];
const figureHeader = [...METRIC_NAMES, ...CONTRACT_VALUE_BANDS.map((band) => `contractValue:${band}`)];

export function metricsCsv(view: MetricsView, table: MetricsTable): string {
  switch (table) {
    case 'months':
      return csvText([['month', ...figureHeader], ...view.months.map((row) => [row.month, ...figureCells(row.figures)])]);
    case 'arenas':
      return csvText([['arena', ...figureHeader], ...view.arenas.map((row) => [row.id, ...figureCells(row.figures)])]);
    case 'buyers':
      return csvText([['buyerId', 'buyer', ...figureHeader], ...view.buyers.map((row) => [row.id, row.name, ...figureCells(row.figures)])]);
    case 'dialogues':
      return csvText([
        ['dialogueId', 'title', 'arena', 'buyers', ...figureHeader],
        ...view.dialogues.map((row) => [row.id, row.title, row.arenaId, row.buyers.map((buyer) => buyer.name).join('; '), ...figureCells(row.figures)]),
      ]);
  }
}
