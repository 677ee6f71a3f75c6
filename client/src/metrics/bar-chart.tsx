// A bar chart drawn as SVG by hand, with the table it is drawn from. Why not a charting library:
// the dashboard needs grouped bars and nothing more, a library would weigh tens of kilobytes for
// that, and here we decide exactly what assistive technology meets. The picture is one image
// (role="img") named by the chart's title and a sentence saying what it shows; the figures
// themselves are a real table behind a disclosure, in a scrollable region keyboards can reach.
// Series differ by fill pattern as well as colour, and the legend names them.
import { useId } from 'react';
import { withParams } from '../i18n/i18n.tsx';
import { useMetricsTexts } from './metrics-texts.ts';

export type ChartSeries = { name: string; values: number[] };

/** Columns for a time line (categories along the bottom), rows for named categories (labels at the left). */
type Layout = 'columns' | 'rows';

const FILLS = ['solid', 'stripes', 'dots'] as const;

export function BarChart({
  title,
  categoryLabel,
  categories,
  series,
  layout,
  format,
}: {
  title: string;
  /** What the categories are (the table's first column): month, arena. */
  categoryLabel: string;
  /** Labels of the categories, in order (months, arenas). */
  categories: string[];
  series: ChartSeries[];
  layout: Layout;
  format: (value: number) => string;
}) {
  const texts = useMetricsTexts();
  // React's ids hold characters a url(#…) reference to a pattern would have to escape.
  const id = `chart-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const summary = withParams(texts.chartSummary, {
    chart: title,
    series: series.map((one) => withParams(texts.seriesTotal, { name: one.name, total: format(one.values.reduce((sum, value) => sum + value, 0)) })).join('; '),
  });
  return (
    <figure className="bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
      </figcaption>
      {/* Hidden, yet the image's name: read once, as part of the image, not again in reading order. */}
      <p id={`${id}-summary`} hidden>
        {summary}
      </p>
      {layout === 'columns' ? (
        <Columns id={id} categories={categories} series={series} />
      ) : (
        <Rows id={id} categories={categories} series={series} />
      )}
      <ul className="chart-legend">
        {series.map((one, index) => (
          <li key={one.name}>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <rect width="16" height="16" className={`chart-fill-${index}`} fill={fillOf(id, index)} />
            </svg>
            {one.name}
          </li>
        ))}
      </ul>
      <details className="chart-table">
        <summary>{texts.showTable}</summary>
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="chart-data">
            <caption id={`${id}-caption`}>{withParams(texts.tableOf, { chart: title })}</caption>
            <thead>
              <tr>
                <th scope="col">{categoryLabel}</th>
                {series.map((one) => (
                  <th key={one.name} scope="col">
                    {one.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((category, row) => (
                <tr key={category}>
                  <th scope="row">{category}</th>
                  {series.map((one) => (
                    <td key={one.name}>{format(one.values[row] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function fillOf(id: string, index: number): string {
  const kind = FILLS[index % FILLS.length];
  return kind === 'solid' ? 'currentColor' : `url(#${id}-${kind}-${index})`;
}

/** Stripes and dots in each series' colour (set by its class), so no series is told by colour alone. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      {FILLS.map((kind, index) =>
        kind === 'solid' ? null : (
          <pattern key={kind} id={`${id}-${kind}-${index}`} className={`chart-fill-${index}`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#ffffff" />
            {kind === 'stripes' ? <path d="M-1,7 L7,-1 M-1,1 L1,-1 M5,7 L7,5" stroke="currentColor" strokeWidth="2" /> : <circle cx="3" cy="3" r="1.8" fill="currentColor" />}
          </pattern>
        ),
      )}
    </defs>
  );
}

const niceMax = (values: number[]) => {
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
};

function Columns({ id, categories, series }: { id: string; categories: string[]; series: ChartSeries[] }) {
  const group = Math.max(24, series.length * 12 + 12);
  const left = 36;
  const height = 180;
  const width = left + categories.length * group + 8;
  const max = niceMax(series.flatMap((one) => one.values));
  const y = (value: number) => 10 + (height - 10) * (1 - value / max);
  // Every label when they fit, else every second, third … so they never overlap.
  const labelEvery = Math.ceil(44 / group);
  return (
    <div>
      <svg role="img" aria-labelledby={`${id}-title ${id}-summary`} viewBox={`0 0 ${width} ${height + 28}`} width={width} height={height + 28} className="chart-svg">
        <Patterns id={id} />
        {[0, max / 2, max].map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={left - 4} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {tick}
            </text>
          </g>
        ))}
        {categories.map((category, column) => (
          <g key={category}>
            {series.map((one, index) => {
              const value = one.values[column] ?? 0;
              return (
                <rect
                  key={one.name}
                  className={`chart-fill-${index} chart-bar`}
                  x={left + column * group + 6 + index * 12}
                  y={y(value)}
                  width={10}
                  height={Math.max(0, height - y(value))}
                  fill={fillOf(id, index)}
                />
              );
            })}
            {column % labelEvery === 0 && (
              <text x={left + column * group + group / 2} y={height + 18} textAnchor="middle" className="chart-label">
                {category}
              </text>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}

function Rows({ id, categories, series }: { id: string; categories: string[]; series: ChartSeries[] }) {
  const band = series.length * 12 + 12;
  const left = 150;
  const width = 480;
  const max = niceMax(series.flatMap((one) => one.values));
  const x = (value: number) => ((width - left - 40) * value) / max;
  const height = categories.length * band + 8;
  return (
    <div>
      <svg role="img" aria-labelledby={`${id}-title ${id}-summary`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="chart-svg">
        <Patterns id={id} />
        {categories.map((category, row) => (
          <g key={category}>
            <text x={left - 8} y={row * band + band / 2 + 4} textAnchor="end" className="chart-label">
              {category}
            </text>
            {series.map((one, index) => {
              const value = one.values[row] ?? 0;
              return (
                <g key={one.name}>
                  <rect className={`chart-fill-${index} chart-bar`} x={left} y={row * band + 6 + index * 12} width={x(value)} height={10} fill={fillOf(id, index)} />
                  <text x={left + x(value) + 4} y={row * band + 15 + index * 12} className="chart-label">
                    {value}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}
