// Hostile and malformed input: clear translated-code errors, nothing written, server still up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { refusal } from '../support/refusal.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId: string;

beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT_BYTES: '65536' });
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({
    name: 'Kim Köpare',
    email: 'kim@kommun.example',
    password: 'a sufficiently long one',
    representation: 'buyer',
    organisationName: 'Kommunen',
  });
  await supplier.registerVerified({
    name: 'Sam Säljare',
    email: 'sam@firma.example',
    password: 'a sufficiently long one',
    representation: 'supplier',
    organisationName: 'Firman AB',
  });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Fossilfria arbetsmaskiner',
    description: 'Behov av eldrivna maskiner.',
    arenaId: 'energy-environment',
    phase: 'needs-analysis',
    questionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    visibility: 'public',
  }));
});

afterAll(async () => {
  await server?.stop();
});

describe('input validation', () => {
  it('answers invalid fields with VALIDATION and per-field issues, and writes nothing', async () => {
    const before = await buyer.api.dialogues.list.query({});
    const data = await refusal(
      buyer.api.dialogues.create.mutate({
        title: 'x',
        description: '',
        arenaId: 'mars' as 'space',
        phase: 'market-dialogue',
        questionDeadline: 'tomorrow',
        visibility: 'public',
      }),
    );
    expect(data?.appCode).toBe('VALIDATION');
    expect(data?.httpStatus).toBe(400);
    const paths = data?.fieldIssues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['arenaId', 'description', 'questionDeadline', 'title']);
    expect(data?.fieldIssues.find((issue) => issue.path === 'title')).toMatchObject({ code: 'too_small', minimum: 3 });
    expect(await buyer.api.dialogues.list.query({})).toEqual(before);
  });

  it('rejects MongoDB operators, unknown keys and __proto__ before any query', async () => {
    const injected = await refusal(
      supplier.api.threads.list.query({ dialogueId: { $ne: '' } } as unknown as { dialogueId: string }),
    );
    expect(injected?.appCode).toBe('VALIDATION');
    const extraKey = await refusal(
      supplier.api.threads.ask.mutate({ dialogueId, title: 'Hej där', body: 'Fråga', $where: '1' } as never),
    );
    expect(extraKey?.appCode).toBe('VALIDATION');
    const proto = await fetch(`${server.url}/trpc/threads.ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: supplier.cookie() },
      body: `{"dialogueId":"${dialogueId}","title":"Hej där","body":"x","__proto__":{"admin":true}}`,
    });
    expect(proto.status).toBe(400);
    expect((await supplier.api.threads.list.query({ dialogueId })).threads.length).toBe(0);
  });

  it('refuses control characters, text-direction overrides and lone surrogates in what people write', async () => {
    for (const title of ['Fråga\u0000 om avtal', 'Säker \u202Egnålkiv', 'Halv \ud800 surrogat']) {
      const data = await refusal(supplier.api.threads.ask.mutate({ dialogueId, title, body: 'Text' }));
      expect(data?.fieldIssues).toEqual([{ path: 'title', code: 'invalid_characters' }]);
    }
    // Line breaks and tabs belong in markdown bodies.
    await supplier.api.threads.ask.mutate({ dialogueId, title: 'Radbrytningar', body: 'Rad ett\n\n- punkt\tmed tabb' });
  });

  it('refuses by role: anonymous cannot ask, a supplier cannot publish or answer', async () => {
    expect((await refusal(server.visitor().api.threads.ask.mutate({ dialogueId, title: 'Anonym fråga', body: 'x' })))?.appCode).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (
        await refusal(
          supplier.api.dialogues.create.mutate({
            title: 'Inte min',
            description: 'x',
            arenaId: 'ict',
            phase: 'tender',
            questionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
            visibility: 'public',
          }),
        )
      )?.appCode,
    ).toBe('FORBIDDEN');
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Laddinfrastruktur', body: 'Finns laddning?' });
    expect((await refusal(supplier.api.threads.answer.mutate({ threadId, body: 'Svar från fel person' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(buyer.api.threads.ask.mutate({ dialogueId, title: 'Egen fråga', body: 'x' })))?.appCode).toBe('FORBIDDEN');
    expect((await supplier.api.threads.get.query({ threadId })).thread.answers).toEqual([]);
  });

  it('answers unknown ids exactly like missing things', async () => {
    expect((await refusal(supplier.api.dialogues.get.query({ dialogueId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(supplier.api.threads.get.query({ threadId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })))?.appCode).toBe('NOT_FOUND');
  });

  it('answers a registration of a taken address as any other (the owner is mailed), and a wrong password with its own code', async () => {
    const users = () => server.app.services.store.collection('users').countDocuments({});
    const before = await users();
    const taken = await server.visitor().api.accounts.register.mutate({
      name: 'Kim Igen',
      email: 'KIM@kommun.example',
      password: 'a sufficiently long one',
      representation: 'buyer',
    });
    expect(taken).toEqual({ ok: true });
    expect(await users()).toBe(before);
    const wrong = await refusal(server.visitor().api.accounts.login.mutate({ email: 'kim@kommun.example', password: 'not it at all' }));
    expect(wrong?.appCode).toBe('INVALID_CREDENTIALS');
    const unknown = await refusal(server.visitor().api.accounts.login.mutate({ email: 'nobody@x.example', password: 'not it at all' }));
    expect(unknown?.appCode).toBe('INVALID_CREDENTIALS');
  });
});

describe('HTTP edges', () => {
  it('answers a body over the limit with 413 and writes nothing', async () => {
    const response = await fetch(`${server.url}/trpc/threads.ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: supplier.cookie() },
      body: JSON.stringify({ dialogueId, title: 'Stor', body: 'x'.repeat(100_000) }),
    });
    expect(response.status).toBe(413);
    const chunked = await fetch(`${server.url}/trpc/threads.ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: supplier.cookie() },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await supplier.api.threads.list.query({ dialogueId })).threads.map((t) => t.title)).not.toContain('Stor');
  });

  it('answers malformed JSON with 400 and unknown routes with 404', async () => {
    const malformed = await fetch(`${server.url}/trpc/threads.ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: supplier.cookie() },
      body: '{"dialogueId":',
    });
    expect(malformed.status).toBe(400);
    expect((await fetch(`${server.url}/trpc/no.such.procedure`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/anything`)).status).toBe(404);
    expect((await fetch(`${server.url}/no/such/page`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite, and never sends a stack trace', async () => {
    const response = await fetch(`${server.url}/trpc/accounts.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@firma.example', password: 'a sufficiently long one' }),
    });
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/df_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const bad = await fetch(`${server.url}/trpc/dialogues.get?input=${encodeURIComponent('{"dialogueId":5}')}`);
    const text = await bad.text();
    expect(bad.status).toBe(400);
    expect(text).not.toMatch(/stack|at [A-Za-z]+ \(/);
  });
});

describe('socket input', () => {
  it('acks bad subscriptions with an error and survives a missing ack', async () => {
    const socket = await supplier.connect();
    expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId: { $gt: '' } })).toEqual({ ok: false, appCode: 'VALIDATION' });
    expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })).toEqual({
      ok: false,
      appCode: 'NOT_FOUND',
    });
    (socket.emit as (event: string, ...args: unknown[]) => void)('dialogue.subscribe', 'garbage');
    (socket.emit as (event: string, ...args: unknown[]) => void)('no.such.event', { x: 1 });
    expect(await socket.emitWithAck('dialogue.subscribe', { dialogueId })).toEqual({ ok: true });
  });
});
