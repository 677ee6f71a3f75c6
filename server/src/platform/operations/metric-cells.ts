// The counters and histograms every request updates (metrics.ts), kept in one cell per set of label
// values. prom-client's own turn the label object into a key, check it against the label names and
// build its entry on every update: four updates were ~5 µs of a cached thread page's ~90 µs
// (docs/benchmarks.md, §2). Here a cell is found through one Map per label, by the values themselves
// (a status stays a number: give each label's values always in the same type), and Prometheus reads
// the cells when it scrapes, through the registry, in the form prom-client's own metrics give
// (metric-cells.test.ts compares the two; the operations tests read them back).
import type { Registry } from 'prom-client';

/** What the registry asks of a metric (prom-client's MetricObjectWithValues). */
type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };
type MetricSnapshot = { name: string; help: string; type: 'counter' | 'histogram'; values: Sample[]; aggregator: 'sum' };

type LabelValue = string | number;

abstract class CellMetric<C> {
  /** One level per label, in the order of the label names; the last level holds the cells. */
  private readonly root = new Map<LabelValue, unknown>();
  private readonly cells: { labels: Record<string, string>; cell: C }[] = [];

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
  ) {
    // The registry takes any object with a name and get(); its type names prom-client's classes.
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** The cell for these label values, given in the order of the label names. */
  protected cellFor(values: readonly LabelValue[]): C {
    let level = this.root;
    const last = this.labelNames.length - 1;
    for (let i = 0; i < last; i += 1) {
      let next = level.get(values[i]!) as Map<LabelValue, unknown> | undefined;
      if (next === undefined) level.set(values[i]!, (next = new Map()));
      level = next;
    }
    let cell = level.get(values[last]!) as C | undefined;
    if (cell === undefined) {
      level.set(values[last]!, (cell = this.newCell()));
      this.cells.push({ labels: Object.fromEntries(this.labelNames.map((name, i) => [name, String(values[i])])), cell });
    }
    return cell;
  }

  protected entries(): Iterable<{ labels: Record<string, string>; cell: C }> {
    return this.cells;
  }

  protected abstract newCell(): C;

  /** Called by the registry's resetMetrics. */
  reset(): void {
    this.root.clear();
    this.cells.length = 0;
  }
}

export class CellCounter extends CellMetric<{ value: number }> {
  /** Counts one, for label values in the order of the label names. */
  inc(...values: LabelValue[]): void {
    this.cellFor(values).value += 1;
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

export class CellHistogram extends CellMetric<HistogramCell> {
  constructor(
    registry: Registry,
    name: string,
    help: string,
    labelNames: readonly string[],
    /** Upper bounds, ascending; a value above the last is counted only in +Inf. */
    private readonly buckets: readonly number[],
  ) {
    super(registry, name, help, labelNames);
  }

  /** Counts `value`, for label values in the order of the label names. */
  observe(value: number, ...values: LabelValue[]): void {
    const cell = this.cellFor(values);
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
