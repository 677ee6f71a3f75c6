// The counters and histograms every request updates (metrics.ts), kept in one cell per set of label
// values. prom-client's own turn the label object into a key, check it against the label names and
// build its entry on every update: four updates were ~5 µs of a cached thread page's ~90 µs
// (docs/benchmarks.md, §2). Here a cell is found by its values joined, and Prometheus reads the
// cells when it scrapes, through the registry, in the form prom-client's own metrics give (the
// operations tests read them back).
import type { Registry } from 'prom-client';

/** What the registry asks of a metric (prom-client's MetricObjectWithValues). */
type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };
type MetricSnapshot = { name: string; help: string; type: 'counter' | 'histogram'; values: Sample[]; aggregator: 'sum' };

abstract class CellMetric<N extends string, C> {
  private readonly cells = new Map<string, { labels: Record<N, string>; cell: C }>();

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly N[],
  ) {
    // The registry takes any object with a name and get(); its type names prom-client's classes.
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  protected cellFor(labels: Record<N, string>): C {
    let key = '';
    for (const name of this.labelNames) key += `${labels[name]}\u0000`;
    let entry = this.cells.get(key);
    if (entry === undefined) {
      // The caller's object may be reused by it: the cell keeps a copy of the values it was made for.
      const own = {} as Record<N, string>;
      for (const name of this.labelNames) own[name] = labels[name];
      this.cells.set(key, (entry = { labels: own, cell: this.newCell() }));
    }
    return entry.cell;
  }

  protected entries(): Iterable<{ labels: Record<N, string>; cell: C }> {
    return this.cells.values();
  }

  protected abstract newCell(): C;

  /** Called by the registry's resetMetrics. */
  reset(): void {
    this.cells.clear();
  }
}

export class CellCounter<N extends string> extends CellMetric<N, { value: number }> {
  inc(labels: Record<N, string>): void {
    this.cellFor(labels).value += 1;
  }

  protected newCell() {
    return { value: 0 };
  }

  get(): MetricSnapshot {
    const values: Sample[] = [];
    for (const { labels, cell } of this.entries()) values.push({ value: cell.value, labels });
    return { name: this.name, help: this.help, type: 'counter', values, aggregator: 'sum' };
  }
}

type HistogramCell = { counts: number[]; sum: number; count: number };

export class CellHistogram<N extends string> extends CellMetric<N, HistogramCell> {
  constructor(
    registry: Registry,
    name: string,
    help: string,
    labelNames: readonly N[],
    /** Upper bounds, ascending; a value above the last is counted only in +Inf. */
    private readonly buckets: readonly number[],
  ) {
    super(registry, name, help, labelNames);
  }

  observe(labels: Record<N, string>, value: number): void {
    const cell = this.cellFor(labels);
    cell.sum += value;
    cell.count += 1;
    for (let i = 0; i < this.buckets.length; i += 1) {
      if (value <= this.buckets[i]!) {
        cell.counts[i]! += 1;
        return;
      }
    }
  }

  protected newCell(): HistogramCell {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }

  get(): MetricSnapshot {
    const values: Sample[] = [];
    for (const { labels, cell } of this.entries()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += cell.counts[i]!;
        values.push({ value: cumulative, labels: { ...labels, le: bound }, metricName: `${this.name}_bucket` });
      });
      values.push(
        { value: cell.count, labels: { ...labels, le: '+Inf' }, metricName: `${this.name}_bucket` },
        { value: cell.sum, labels, metricName: `${this.name}_sum` },
        { value: cell.count, labels, metricName: `${this.name}_count` },
      );
    }
    return { name: this.name, help: this.help, type: 'histogram', values, aggregator: 'sum' };
  }
}
