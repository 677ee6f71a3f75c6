import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';
import type { AppRouter } from '../../src/app-router.ts';

/** Awaits a call that must be refused and returns the error's data (appCode, fieldIssues, …). */
export async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the call should have been refused').toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data;
}
