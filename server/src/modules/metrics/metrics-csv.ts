// The figures as CSV, one table at a time (by month, arena, buyer or dialogue): the downloads of the
// dashboard and the open data API. Column names are the figures' names, stable for scripts; the last
// column, `publisher`, names the operating agency on every row (exports/export-publisher.ts says why).
import { CONTRACT_VALUE_BANDS, METRIC_NAMES, type MetricFigures, type MetricsView } from '@dialogforum/contracts';
import type { OperatorConfig } from '../../config.ts';
import { csvText } from '../exports/csv-text.ts';
import { publisherCell } from '../exports/export-publisher.ts';

export type MetricsTable = 'months' | 'arenas' | 'buyers' | 'dialogues';

const figureCells = (figures: MetricFigures): string[] => [
  ...METRIC_NAMES.map((name) => (figures[name] === null ? '' : String(figures[name]))),
  ...CONTRACT_VALUE_BANDS.map((band) => String(figures.contractValueBands[band])),
];
const figureHeader = [...METRIC_NAMES, ...CONTRACT_VALUE_BANDS.map((band) => `contractValue:${band}`)];

export function metricsCsv(view: MetricsView, table: MetricsTable, operator: OperatorConfig): string {
  const publisher = publisherCell(operator);
  return csvText(tableRows(view, table).map((row, index) => [...row, index === 0 ? 'publisher' : publisher]));
}

function tableRows(view: MetricsView, table: MetricsTable): string[][] {
  switch (table) {
    case 'months':
      return [['month', ...figureHeader], ...view.months.map((row) => [row.month, ...figureCells(row.figures)])];
    case 'arenas':
      return [['arena', ...figureHeader], ...view.arenas.map((row) => [row.id, ...figureCells(row.figures)])];
    case 'buyers':
      return [['buyerId', 'buyer', ...figureHeader], ...view.buyers.map((row) => [row.id, row.name, ...figureCells(row.figures)])];
    case 'dialogues':
      return [
        ['dialogueId', 'title', 'arena', 'buyers', ...figureHeader],
        ...view.dialogues.map((row) => [row.id, row.title, row.arenaId, row.buyers.map((buyer) => buyer.name).join('; '), ...figureCells(row.figures)]),
      ];
  }
}
