// Who may read readiness details and metrics: an operator, that is a request carrying
// `Authorization: Bearer <OPERATOR_TOKEN>` (what Prometheus and a load balancer's health check send),
// or a signed-in admin's browser. Everyone else learns only whether the node is ready.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

export type OperatorCheck = (c: Context) => Promise<boolean>;

export function operatorCheck(operatorToken: string | undefined, isAdminSession: (c: Context) => Promise<boolean>): OperatorCheck {
  // Compared as digests: equal length, and no early exit that times out how much of it matched.
  const expected = operatorToken ? digest(operatorToken) : null;
  return async (c) => {
    const presented = /^Bearer ([\x21-\x7e]{1,512})$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (expected && presented && timingSafeEqual(digest(presented), expected)) return true;
    return isAdminSession(c);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
