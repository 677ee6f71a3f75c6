// The people an integration test signs up, and the raw calls that compare a refusal byte for byte.
// Each test file names its own mail domain and password, so its people are its own.
import type { TestServer, Visitor } from './test-server.ts';

/** Signs up a person with a confirmed address, acting for a new organisation of theirs (a buyer's verified). */
export function signUpPeople(server: TestServer, domain: string, password: string) {
  return async (name: string, representation: 'buyer' | 'supplier', organisationName: string): Promise<Visitor> => {
    const visitor = server.visitor();
    await visitor.registerVerified({ name, email: `${name.toLowerCase()}@${domain}`, password, representation, organisationName });
    return visitor;
  };
}

/** The organisation the visitor acts for ('' when none). */
export async function organisationOf(visitor: Visitor): Promise<string> {
  return (await visitor.api.accounts.me.query())?.organisation?.id ?? '';
}

/**
 * A tRPC call as plain HTTP, so that what a hidden thing answers and what a missing one answers can
 * be compared byte for byte (the tRPC client would turn both into errors first).
 */
export async function rawCall(server: TestServer, visitor: Visitor, procedure: string, kind: 'query' | 'mutation', input: unknown): Promise<{ status: number; body: string }> {
  const cookie = visitor.cookie();
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const response =
    kind === 'query'
      ? await fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${server.url}/trpc/${procedure}`, { method: 'POST', headers: { ...headers, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: await response.text() };
}
