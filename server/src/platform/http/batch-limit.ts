// One HTTP request may carry at most MAX_CALLS_PER_REQUEST tRPC calls (packages/contracts). A larger
// batch is refused whole, before any call runs or its input is read: 400 with appCode
// BATCH_TOO_LARGE. A refused request's body is not read, so its connection is closed after the answer.
import { MAX_CALLS_PER_REQUEST } from '@dialogforum/contracts';
import type { Context } from 'hono';
import { apiError } from './error-shape.ts';
import { calledProcedures } from './trpc-calls.ts';

/** The refusal of a request with too many calls, or null. */
export function batchRefusal(c: Context): Response | null {
  const calls = calledProcedures(c.req.url).length;
  if (calls <= MAX_CALLS_PER_REQUEST) return null;
  const body = apiError('BATCH_TOO_LARGE', `One request may carry at most ${MAX_CALLS_PER_REQUEST} calls; this one carried ${calls}`);
  return c.json(body, 400, c.req.method === 'GET' ? {} : { Connection: 'close' });
}
