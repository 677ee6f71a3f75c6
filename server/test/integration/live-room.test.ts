// A session's live room over the real server, as browsers use it: a host and suppliers with
// sockets in the room and the tRPC API. Questions under the dialogue's pseudonym (the hosts see
// names), one upvote each, approval, hiding with a reason, pinning, answering, announcements and
// polls, every change pushed to everyone; votes coalesced; a client that drops, or a server that
// restarts, catches up exactly what it missed by the room's change numbers; after the session the
// minutes and the answered questions are published to the dialogue and everyone concerned is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveQuestionView, LiveRoomChanges, PollView } from '@dialogforum/contracts';
import { DEFAULT_LIVE_ROOM_TIMING } from '../../src/modules/live/live-room-pushes.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'ett långt lösenord för dialogmöten';
const year = new Date().getUTCFullYear() + 1;

let server: TestServer;
let host: Visitor;
let alice: Visitor; // supplier A
let bob: Visitor; // supplier B
let follower: Visitor; // follows the dialogue, never attends
let dialogueId: string;
let people = 0;

async function supplier(name: string): Promise<Visitor> {
  people += 1;
  const visitor = server.visitor();
  await visitor.registerVerified({ name, email: `p${people}@live-room.example`, password: PASSWORD, representation: 'supplier', organisationName: `${name} AB` });
  return visitor;
}

let slot = 0;
async function liveSession(options: { approval?: boolean; beforeStart?: (sessionId: string) => Promise<void> } = {}): Promise<string> {
  slot += 1;
  const day = new Date(Date.UTC(year, 1, 1) + slot * 24 * 3_600_000).toISOString().slice(0, 10);
  const { sessionId } = await host.api.sessions.create.mutate({
    dialogueId,
    title: `Dialogmöte ${slot}`,
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    format: 'online',
    meetingLink: 'https://meet.example/live',
    capacity: 100,
    questionsNeedApproval: options.approval ?? false,
  });
  await options.beforeStart?.(sessionId);
  await host.api.sessions.start.mutate({ sessionId });
  return sessionId;
}

/**
 * A participant's copy of the room, kept the way the web app keeps it: a push that starts where the
 * copy is applies; one that starts later means something was missed, so the copy asks for what
 * changed since it; one it has seen already is ignored. `pushes` records what arrived.
 */
class RoomCopy {
  seq = 0;
  questions = new Map<string, LiveQuestionView>();
  polls = new Map<string, PollView>();
  announcements: string[] = [];
  pushes: LiveRoomChanges[] = [];
  catchUps = 0;
  socket!: LiveSocket;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly visitor: Visitor,
    readonly sessionId: string,
  ) {}

  async open(): Promise<this> {
    this.socket = await this.visitor.connect();
    this.socket.on('live.changed', (changes) => {
      this.pushes.push(changes);
      this.syncing = this.syncing.then(() => this.receive(changes));
    });
    this.socket.on('connect', () => {
      this.syncing = this.syncing.then(() => this.join());
    });
    await this.join();
    return this;
  }

  /** Subscribes first, then asks for what changed since the copy's number: nothing falls between. */
  private async join(): Promise<void> {
    const ack = await this.socket.emitWithAck('live.subscribe', { sessionId: this.sessionId });
    if (!ack.ok) throw new Error(`live.subscribe: ${ack.appCode}`);
    await this.catchUp();
  }

  private async receive(changes: LiveRoomChanges): Promise<void> {
    if (changes.to <= this.seq) return;
    // A count for a question the copy does not hold: it missed the question, so it asks, as the web app does.
    if (changes.from > this.seq || changes.votes.some((count) => !this.questions.has(count.questionId))) {
      await this.catchUp();
      return;
    }
    this.apply(changes);
  }

  async catchUp(): Promise<void> {
    this.catchUps += 1;
    this.apply(await this.visitor.api.liveRoom.changes.query({ sessionId: this.sessionId, since: this.seq }));
  }

  private apply(changes: LiveRoomChanges): void {
    for (const question of changes.questions) {
      const known = this.questions.get(question.id);
      if (!known || known.change <= question.change) this.questions.set(question.id, question);
    }
    for (const count of changes.votes) {
      const known = this.questions.get(count.questionId);
      if (known && known.change <= count.change) this.questions.set(count.questionId, { ...known, votes: count.votes, change: count.change });
    }
    for (const poll of changes.polls) this.polls.set(poll.id, poll);
    for (const announcement of changes.announcements) if (!this.announcements.includes(announcement.body)) this.announcements.push(announcement.body);
    this.seq = Math.max(this.seq, changes.to);
  }

  /** Waits until the copy shows what `done` looks for (or fails after 5 s). */
  async until(done: (copy: this) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!done(this)) {
      if (Date.now() > deadline) throw new Error(`the room copy never showed: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await this.syncing;
  }

  question(body: string): LiveQuestionView | undefined {
    return [...this.questions.values()].find((question) => question.body === body);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** What a fresh page load shows of the room, in the form a copy keeps it. */
async function roomAsLoaded(visitor: Visitor, sessionId: string) {
  const room = await visitor.api.liveRoom.get.query({ sessionId });
  return {
    seq: room.to,
    questions: Object.fromEntries(room.questions.map((question) => [question.id, question])),
    polls: Object.fromEntries(room.polls.map((poll) => [poll.id, poll])),
  };
}

function copyState(copy: RoomCopy) {
  return { seq: copy.seq, questions: Object.fromEntries(copy.questions), polls: Object.fromEntries(copy.polls) };
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  host = server.visitor();
  await host.registerVerified({ name: 'Hanna Värd', email: 'host@live-room.example', password: PASSWORD, representation: 'buyer', organisationName: 'Värdkommunen' });
  alice = await supplier('Alice');
  bob = await supplier('Bob');
  follower = await supplier('Filip');
  ({ dialogueId } = await host.api.dialogues.create.mutate({
    title: 'Smarta vattenmätare',
    description: 'Vi söker mätare som larmar om läckor.',
    arenaId: 'energy-environment',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
  await follower.api.notifications.follow.mutate({ kind: 'dialogue', id: dialogueId });
});

afterAll(async () => {
  await server?.stop();
});

describe('the live room', () => {
  it('shows a question to everyone at once: suppliers under the pseudonym, the hosts with the name', async () => {
    const sessionId = await liveSession();
    const [hostCopy, bobCopy, anonymousCopy] = await Promise.all([
      new RoomCopy(host, sessionId).open(),
      new RoomCopy(bob, sessionId).open(),
      new RoomCopy(server.visitor(), sessionId).open(),
    ]);
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Hur ofta ska mätarna rapportera?' });
    for (const copy of [hostCopy, bobCopy, anonymousCopy]) await copy.until((c) => c.question('Hur ofta ska mätarna rapportera?') !== undefined, 'the question');
    expect(hostCopy.question('Hur ofta ska mätarna rapportera?')?.author).toMatchObject({ kind: 'person', name: 'Alice', organisationName: 'Alice AB' });
    for (const copy of [bobCopy, anonymousCopy]) {
      expect(copy.question('Hur ofta ska mätarna rapportera?')?.author).toEqual({ kind: 'pseudonym', label: expect.any(String) });
      expect(JSON.stringify([...copy.pushes])).not.toContain('Alice');
    }
    // Questions come from those taking part; the hosts answer them, and nobody asks anonymously.
    expect((await refusal(host.api.liveRoom.ask.mutate({ sessionId, body: 'Värden frågar?' })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(server.visitor().api.liveRoom.ask.mutate({ sessionId, body: 'Anonym fråga?' })))?.appCode).toBe('UNAUTHENTICATED');
    for (const copy of [hostCopy, bobCopy, anonymousCopy]) copy.close();
  });

  it('takes one upvote a person, and the hosts approve, hide with a reason, pin and answer, each seen live', async () => {
    const sessionId = await liveSession({ approval: true });
    const [hostCopy, bobCopy] = await Promise.all([new RoomCopy(host, sessionId).open(), new RoomCopy(bob, sessionId).open()]);
    const { questionId } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Vilket batteri krävs?' });
    const { questionId: rude } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Varför är ni så sena?' });
    await hostCopy.until((c) => c.questions.size === 2, 'both waiting questions');
    expect(hostCopy.questions.get(questionId)?.status).toBe('pending');
    // Waiting for approval: the asker sees their own, nobody else anything, and nobody votes on it.
    expect((await alice.api.liveRoom.get.query({ sessionId })).questions.map((q) => q.id).sort()).toEqual([questionId, rude].sort());
    expect((await bob.api.liveRoom.get.query({ sessionId })).questions).toEqual([]);
    expect((await refusal(bob.api.liveRoom.vote.mutate({ questionId, up: true })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(bob.api.liveRoom.approve.mutate({ questionId })))?.appCode).toBe('FORBIDDEN');

    await host.api.liveRoom.approve.mutate({ questionId });
    await bobCopy.until((c) => c.questions.get(questionId)?.status === 'visible', 'the approved question');
    await host.api.liveRoom.hide.mutate({ questionId: rude, reason: 'Inte en fråga om upphandlingen.' });
    await hostCopy.until((c) => c.questions.get(rude)?.status === 'hidden', 'the hidden question for the host');
    // Hidden before the room ever saw it: the room never learns it was asked.
    expect(bobCopy.questions.has(rude)).toBe(false);
    expect(hostCopy.questions.get(rude)).toMatchObject({ body: 'Varför är ni så sena?', hidden: { reason: 'Inte en fråga om upphandlingen.' } });

    await bob.api.liveRoom.vote.mutate({ questionId, up: true });
    await bob.api.liveRoom.vote.mutate({ questionId, up: true });
    await alice.api.liveRoom.vote.mutate({ questionId, up: true });
    await hostCopy.until((c) => c.questions.get(questionId)?.votes === 2, 'two votes');
    await bob.api.liveRoom.vote.mutate({ questionId, up: false });
    await bobCopy.until((c) => c.questions.get(questionId)?.votes === 1, 'a vote taken back');
    expect((await bob.api.liveRoom.get.query({ sessionId })).viewer.votedQuestionIds).toEqual([]);
    expect((await alice.api.liveRoom.get.query({ sessionId })).viewer.votedQuestionIds).toEqual([questionId]);

    await host.api.liveRoom.pin.mutate({ questionId, pinned: true });
    await bobCopy.until((c) => c.questions.get(questionId)?.pinned === true, 'the pin');
    await host.api.liveRoom.answer.mutate({ questionId, answer: 'Ett batteri som räcker i tio år.' });
    await bobCopy.until((c) => c.questions.get(questionId)?.answer?.text === 'Ett batteri som räcker i tio år.', 'the answer');
    expect(bobCopy.questions.get(questionId)?.pinned).toBe(false);

    // A visible question hidden later: the room learns that, and why, never what it said.
    const { questionId: late } = await bob.api.liveRoom.ask.mutate({ sessionId, body: 'Ring mig på 070-1234567?' });
    await host.api.liveRoom.approve.mutate({ questionId: late });
    await alice.api.liveRoom.vote.mutate({ questionId: late, up: true });
    await host.api.liveRoom.hide.mutate({ questionId: late, reason: 'Personuppgifter.' });
    const aliceView = (await alice.api.liveRoom.get.query({ sessionId })).questions.find((q) => q.id === late);
    expect(aliceView).toMatchObject({ status: 'hidden', body: null, author: null, hidden: { reason: 'Personuppgifter.' } });
    expect(JSON.stringify(await alice.api.liveRoom.get.query({ sessionId }))).not.toContain('070-1234567');
    expect((await host.api.liveRoom.get.query({ sessionId })).questions.find((q) => q.id === late)?.body).toBe('Ring mig på 070-1234567?');

    // The approval setting is the host's, told to the room.
    await host.api.liveRoom.setApproval.mutate({ sessionId, questionsNeedApproval: false });
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Syns den här direkt?' });
    await bobCopy.until((c) => c.question('Syns den här direkt?')?.status === 'visible', 'a question shown at once');
    hostCopy.close();
    bobCopy.close();
  });

  it('runs polls with one or several choices, their results live, closed by the host', async () => {
    const sessionId = await liveSession();
    const bobCopy = await new RoomCopy(bob, sessionId).open();
    await host.api.liveRoom.announce.mutate({ sessionId, body: 'Vi tar en kort paus klockan 10.30.' });
    const { pollId } = await host.api.liveRoom.openPoll.mutate({ sessionId, question: 'Hur många mätare har ni levererat?', options: ['Färre än 1 000', '1 000 eller fler'] });
    const { pollId: many } = await host.api.liveRoom.openPoll.mutate({ sessionId, question: 'Vilka nät stöder ni?', options: ['LoRaWAN', 'NB-IoT', 'Wireless M-Bus'], multiple: true });
    await bobCopy.until((c) => c.polls.size === 2 && c.announcements.length === 1, 'the polls and the announcement');
    expect(bobCopy.announcements).toEqual(['Vi tar en kort paus klockan 10.30.']);

    await alice.api.liveRoom.answerPoll.mutate({ pollId, choices: [1] });
    await bob.api.liveRoom.answerPoll.mutate({ pollId, choices: [0] });
    await bob.api.liveRoom.answerPoll.mutate({ pollId, choices: [1] }); // changes his mind: counted once
    await alice.api.liveRoom.answerPoll.mutate({ pollId: many, choices: [0, 2] });
    await bobCopy.until((c) => c.polls.get(pollId)?.options[1]?.votes === 2 && c.polls.get(many)?.voters === 1, 'the results');
    expect(bobCopy.polls.get(pollId)).toMatchObject({ voters: 2, options: [{ votes: 0 }, { votes: 2 }] });
    expect(bobCopy.polls.get(many)?.options.map((option) => option.votes)).toEqual([1, 0, 1]);
    expect((await bob.api.liveRoom.get.query({ sessionId })).viewer.pollChoices).toEqual({ [pollId]: [1] });

    expect((await refusal(bob.api.liveRoom.answerPoll.mutate({ pollId, choices: [0, 1] })))?.appCode).toBe('VALIDATION');
    expect((await refusal(bob.api.liveRoom.answerPoll.mutate({ pollId: many, choices: [3] })))?.appCode).toBe('VALIDATION');
    expect((await refusal(host.api.liveRoom.answerPoll.mutate({ pollId, choices: [0] })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(bob.api.liveRoom.closePoll.mutate({ pollId })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(host.api.liveRoom.openPoll.mutate({ sessionId, question: 'Samma svar?', options: ['Ja', 'ja'] })))?.appCode).toBe('VALIDATION');
    await host.api.liveRoom.closePoll.mutate({ pollId });
    await bobCopy.until((c) => c.polls.get(pollId)?.closed === true, 'the closed poll');
    expect((await refusal(alice.api.liveRoom.answerPoll.mutate({ pollId, choices: [0] })))?.appCode).toBe('POLL_CLOSED');
    bobCopy.close();
  });

  it('coalesces a burst of votes into a few pushes that end at the right count', async () => {
    const sessionId = await liveSession();
    const { questionId } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Får vi se en prototyp?' });
    const bobCopy = await new RoomCopy(bob, sessionId).open();
    const voters: Visitor[] = [];
    for (let i = 0; i < 16; i += 1) voters.push(await supplier(`Röstare ${i}`));
    const before = bobCopy.pushes.length;
    const arrivals: number[] = [];
    bobCopy.socket.on('live.changed', () => arrivals.push(Date.now()));
    await Promise.all(voters.map((voter) => voter.api.liveRoom.vote.mutate({ questionId, up: true })));
    await bobCopy.until((c) => c.questions.get(questionId)?.votes === 16, '16 votes');
    await server.settled();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const pushes = bobCopy.pushes.slice(before);
    // At most one push per window while they came in, and one at once for the first (however
    // slowly a busy machine commits them): without coalescing every vote is a push of its own.
    expect(pushes.length).toBeGreaterThan(0);
    const spanMs = (arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0);
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil(spanMs / DEFAULT_LIVE_ROOM_TIMING.coalesceMs) + 1);
    // Contiguous: each push starts where the one before ended.
    for (let i = 1; i < pushes.length; i += 1) expect(pushes[i]!.from).toBe(pushes[i - 1]!.to);
    expect(bobCopy.catchUps).toBe(1); // only the one when it joined
    bobCopy.close();
  }, 180_000);

  it('refuses a flood of questions from one person', async () => {
    const sessionId = await liveSession();
    const flooder = await supplier('Flodis');
    // The limit is 6 a minute, times the test server's scale of 20: 120, sent a few at a time.
    const outcomes: string[] = [];
    for (let round = 0; round < 26 && !outcomes.includes('RATE_LIMITED'); round += 1) {
      const calls = Array.from({ length: 5 }, (_, i) => flooder.api.liveRoom.ask.mutate({ sessionId, body: `Fråga nummer ${round * 5 + i}?` }));
      for (const call of calls) outcomes.push(await call.then(() => 'ok', (error: { data?: { appCode?: string } }) => error.data?.appCode ?? 'error'));
    }
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(120);
    expect(new Set(outcomes.filter((outcome) => outcome !== 'ok'))).toEqual(new Set(['RATE_LIMITED']));
    expect((await host.api.liveRoom.get.query({ sessionId })).questions).toHaveLength(120);
  }, 180_000);

  it('refuses questions before the session starts and after it ends', async () => {
    slot += 1;
    const day = new Date(Date.UTC(year, 1, 1) + slot * 24 * 3_600_000).toISOString().slice(0, 10);
    const { sessionId } = await host.api.sessions.create.mutate({
      dialogueId,
      title: 'Inte än',
      startsAt: `${day}T10:00`,
      endsAt: `${day}T11:00`,
      format: 'online',
      meetingLink: 'https://meet.example/x',
      capacity: 10,
    });
    expect((await refusal(alice.api.liveRoom.ask.mutate({ sessionId, body: 'För tidigt?' })))?.appCode).toBe('SESSION_NOT_LIVE');
    await host.api.sessions.start.mutate({ sessionId });
    await host.api.sessions.end.mutate({ sessionId });
    expect((await refusal(alice.api.liveRoom.ask.mutate({ sessionId, body: 'För sent?' })))?.appCode).toBe('SESSION_CLOSED');
  });
});

describe('catching up', () => {
  it('after a dropped connection: exactly what was missed, no gaps, no duplicates', async () => {
    const sessionId = await liveSession();
    const { questionId } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Hur lagras mätdata?' });
    const bobCopy = await new RoomCopy(bob, sessionId).open();
    // The connection drops; socket.io's client comes back by itself, as a browser tab would.
    const dropped = new Promise<void>((resolve) => bobCopy.socket.once('disconnect', () => resolve()));
    bobCopy.socket.io.opts.reconnection = true;
    bobCopy.socket.io.reconnection(false);
    bobCopy.socket.io.engine.close();
    await dropped;
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Missad fråga ett?' });
    await host.api.liveRoom.answer.mutate({ questionId, answer: 'I Sverige.' });
    await host.api.liveRoom.announce.mutate({ sessionId, body: 'Missat meddelande.' });
    await server.settled();
    const pushesWhileAway = bobCopy.pushes.length;
    bobCopy.socket.connect();
    await bobCopy.until((c) => c.question('Missad fråga ett?') !== undefined && c.announcements.includes('Missat meddelande.'), 'what was missed');
    expect(bobCopy.pushes.length).toBe(pushesWhileAway);
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Efter återkomsten?' });
    await bobCopy.until((c) => c.question('Efter återkomsten?') !== undefined, 'the next question, live');
    expect(copyState(bobCopy)).toEqual(await roomAsLoaded(bob, sessionId));
    expect(bobCopy.questions.get(questionId)?.answer?.text).toBe('I Sverige.');
    bobCopy.close();
  });

  it('after the server restarts: the room goes on where it was, and the copy matches a fresh load', async () => {
    const sessionId = await liveSession();
    const { questionId } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Vad händer vid strömavbrott?' });
    const bobCopy = await new RoomCopy(bob, sessionId).open();
    await bobCopy.until((c) => c.questions.has(questionId), 'the first question');
    const seqBefore = bobCopy.seq;
    const reconnected = new Promise<void>((resolve) => bobCopy.socket.once('connect', () => resolve()));
    bobCopy.socket.io.reconnection(true);
    bobCopy.socket.io.reconnectionDelay(50);
    await server.restart();
    await reconnected;
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Efter omstarten?' });
    await bob.api.liveRoom.vote.mutate({ questionId, up: true });
    await bobCopy.until((c) => c.question('Efter omstarten?') !== undefined && c.questions.get(questionId)?.votes === 1, 'the changes after the restart');
    expect(bobCopy.seq).toBeGreaterThan(seqBefore);
    await server.settled();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(copyState(bobCopy)).toEqual(await roomAsLoaded(bob, sessionId));
    bobCopy.close();
  });
});

describe('after the session', () => {
  it('publishes the minutes, makes the answered questions published Q&A, and tells everyone registered or following', async () => {
    const absentee = await supplier('Frånvarande');
    const sessionId = await liveSession({
      beforeStart: async (id) => {
        await absentee.api.sessions.register.mutate({ sessionId: id });
        await alice.api.sessions.register.mutate({ sessionId: id });
      },
    });
    const { questionId } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Kan mätarna läsas av på distans med kvartsvärden?' });
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'En obesvarad fråga?' });
    await host.api.liveRoom.answer.mutate({ questionId, answer: 'Ja, kvartsvärden via LoRaWAN.' });
    expect((await refusal(host.api.liveRoom.publishMinutes.mutate({ sessionId, minutes: 'För tidigt för protokoll.' })))?.appCode).toBe('SESSION_NOT_LIVE');
    await host.api.sessions.end.mutate({ sessionId });
    expect((await refusal(alice.api.liveRoom.publishMinutes.mutate({ sessionId, minutes: 'Leverantören skriver protokoll.' })))?.appCode).toBe('FORBIDDEN');
    const { publishedQuestions } = await host.api.liveRoom.publishMinutes.mutate({ sessionId, minutes: '## Protokoll\n\nVi gick igenom behovet.' });
    expect(publishedQuestions).toBe(1);
    expect((await refusal(host.api.liveRoom.publishMinutes.mutate({ sessionId, minutes: 'En gång till, tack.' })))?.appCode).toBe('SESSION_CLOSED');
    await server.settled();

    const room = await bob.api.liveRoom.get.query({ sessionId });
    expect(room.minutes?.text).toBe('## Protokoll\n\nVi gick igenom behovet.');
    const threadId = room.questions.find((q) => q.id === questionId)?.threadId;
    expect(threadId).toBeTruthy();
    // A published thread with the official answer, the asker under the dialogue's pseudonym.
    const { thread } = await bob.api.threads.get.query({ threadId: threadId! });
    expect(thread).toMatchObject({ status: 'published', answered: true, title: 'Kan mätarna läsas av på distans med kvartsvärden?' });
    expect(thread.question.author.kind).toBe('pseudonym');
    expect(thread.answers).toEqual([expect.objectContaining({ official: true, body: 'Ja, kvartsvärden via LoRaWAN.' })]);
    expect((await host.api.threads.get.query({ threadId: threadId! })).thread.question.author).toMatchObject({ kind: 'person', name: 'Alice' });
    // Found by search, by anyone, without the asker's name.
    const hits = (await server.visitor().api.search.query.query({ q: 'kvartsvärden' })).hits;
    expect(hits.some((hit) => hit.threadId === threadId)).toBe(true);
    expect(JSON.stringify(hits)).not.toContain('Alice');
    // Attendees and absentees alike, and the dialogue's followers; not the host who published.
    for (const person of [absentee, alice, follower]) {
      const { items } = await person.api.notifications.list.query({});
      expect(items.find((item) => item.kind === 'session-minutes-published')?.session).toMatchObject({ id: sessionId, title: expect.any(String) });
    }
    expect((await host.api.notifications.list.query({})).items.some((item) => item.kind === 'session-minutes-published')).toBe(false);
    // Answers are part of the record now: they no longer change.
    expect((await refusal(host.api.liveRoom.answer.mutate({ questionId, answer: 'Ändrat svar.' })))?.appCode).toBe('SESSION_CLOSED');
  });
});
