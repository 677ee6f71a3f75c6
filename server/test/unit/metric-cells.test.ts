// The cells every request's metrics are kept in (metric-cells.ts) must read, when Prometheus scrapes,
// exactly as prom-client's own counter and histogram fed the same updates.
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CellCounter, CellHistogram } from '../../src/platform/operations/metric-cells.ts';

const BUCKETS = [0.001, 0.01, 0.1, 1];

/** The exposition's sample lines, each with its labels in one order, sorted; HELP and TYPE lines kept. */
function samples(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
      if (!match) return line;
      const labels = [...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((pair) => `${pair[1]}="${pair[2]}"`).sort();
      return `${match[1]}{${labels.join(',')}} ${match[3]}`;
    })
    .sort();
}

describe('metric cells', () => {
  it('read as prom-client’s own counter and histogram fed the same updates', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const counter = new Counter({ name: 'calls_total', help: 'Calls', labelNames: ['procedure', 'status'], registers: [theirs] });
    const histogram = new Histogram({ name: 'call_seconds', help: 'Time', labelNames: ['procedure'], buckets: BUCKETS, registers: [theirs] });
    const cellCounter = new CellCounter(ours, 'calls_total', 'Calls', ['procedure', 'status']);
    const cellHistogram = new CellHistogram(ours, 'call_seconds', 'Time', ['procedure'], BUCKETS);

    const updates: [string, string, number][] = [
      ['threads.list', '200', 0.0004],
      ['threads.list', '200', 0.001],
      ['threads.list', '404', 0.02],
      ['arenas.list', '200', 0.5],
      ['arenas.list', '500', 3],
      ['threads.list', '200', 0.0099],
    ];
    for (const [procedure, status, seconds] of updates) {
      counter.inc({ procedure, status });
      cellCounter.inc(procedure, Number(status));
      histogram.observe({ procedure }, seconds);
      cellHistogram.observe(seconds, procedure);
    }
    expect(samples(await ours.metrics())).toEqual(samples(await theirs.metrics()));
    // Not trivially equal: the figures are there.
    expect(await ours.metrics()).toContain('calls_total{procedure="threads.list",status="200"} 3');
    expect(samples(await ours.metrics())).toContain('call_seconds_bucket{le="0.01",procedure="threads.list"} 3');

    theirs.resetMetrics();
    ours.resetMetrics();
    expect(samples(await ours.metrics())).toEqual(samples(await theirs.metrics()));
  });
});
