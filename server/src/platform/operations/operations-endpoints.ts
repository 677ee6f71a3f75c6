// /readyz and /metrics. Without operator credentials (operator-access.ts) /readyz says only
// `{ ready }` with 200 or 503, and /metrics answers 401: what is behind them (engines, errors,
// event sequences, traffic) is for operators.
import type { Hono } from 'hono';
import type { Metrics } from './metrics.ts';
import type { OperatorCheck } from './operator-access.ts';
import type { ReadinessReport } from './readiness.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function operationsEndpoints(http: Hono, deps: { isOperator: OperatorCheck; readiness: () => Promise<ReadinessReport>; metrics: Metrics }): void {
  http.get('/readyz', async (c) => {
    const report = await deps.readiness();
    const status = report.ready ? 200 : 503;
    if (!(await deps.isOperator(c))) return c.json({ ready: report.ready }, status, NO_STORE);
    return c.json(report, status, NO_STORE);
  });

  http.get('/metrics', async (c) => {
    if (!(await deps.isOperator(c))) {
      return c.json({ error: 'Operator credentials required' }, 401, { ...NO_STORE, 'WWW-Authenticate': 'Bearer realm="dialogforum"' });
    }
    return c.body(await deps.metrics.registry.metrics(), 200, { ...NO_STORE, 'Content-Type': deps.metrics.registry.contentType });
  });
}
