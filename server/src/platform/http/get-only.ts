// Routes whose GET does work with a cost — spends a budget, renders a file, audits an export — are
// GET only. Hono answers HEAD with the GET handler and drops the body, so a HEAD would do all of it
// for nothing: render the PDF, spend the person's budget, put an export that never happened on the
// audit trail. These answers are made or streamed on demand, so a HEAD could not tell their length
// either: it is refused before anything is looked up.
import type { Context } from 'hono';

type Handler = (c: Context) => Response | Promise<Response>;

export function getOnly(handler: Handler): Handler {
  return (c) => (c.req.method === 'HEAD' ? headRefused() : handler(c));
}

function headRefused(): Response {
  return new Response(null, { status: 405, headers: { Allow: 'GET', 'Cache-Control': 'no-store' } });
}
