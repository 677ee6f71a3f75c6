// When the daily digest goes out, and the marker that makes each day's run happen once.
//
// A small scheduler asks every minute (and at start) which local day's digest time has passed most
// recently. If that day has no `digestRuns` document yet, it inserts one together with a
// `notification.digest_due` event, in one transaction; the document's id is the local date, so a
// restart, a second check or a second node finds it and does nothing. The notifier handles the
// event like any other (in order, at least once, after commit) and mails each person's unread
// notifications in one transaction per person that also clears them, so a repeated event mails
// nobody twice. A server that was down at the digest time sends that day's digest when it starts.
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { DuplicateKeyError, type DocumentStore } from '../../platform/store/document-store.ts';
import { DIGEST_RUNS, type DigestRunDocument } from './documents.ts';

export type DigestTime = { time: string; timeZone: string };

/** The local calendar date and wall-clock time of an instant in a time zone. */
function localParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** The instant at which the wall clock in `timeZone` shows `hh:mm` on the given local date. */
export function instantOf(date: { year: number; month: number; day: number }, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // Guess with the zone's offset at the wanted instant read as UTC, then correct once more for a
  // daylight-saving change between the guess and the answer.
  let guess = wanted;
  for (let i = 0; i < 2; i += 1) {
    const local = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** The most recent digest moment at or before `now`, and its local date (the run's id). */
export function latestDigestMoment(now: Date, digest: DigestTime): { day: string; at: Date } {
  const today = localParts(now, digest.timeZone);
  let date = { year: today.year, month: today.month, day: today.day };
  let at = instantOf(date, digest.time, digest.timeZone);
  if (at.getTime() > now.getTime()) {
    const yesterday = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
    date = { year: yesterday.getUTCFullYear(), month: yesterday.getUTCMonth() + 1, day: yesterday.getUTCDate() };
    at = instantOf(date, digest.time, digest.timeZone);
  }
  const day = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  return { day, at };
}

/** Records the latest due digest run unless it is recorded already; true when this call recorded it. */
export async function scheduleDueDigest(store: DocumentStore, clock: Clock, digest: DigestTime): Promise<boolean> {
  const now = clock.now();
  const { day, at } = latestDigestMoment(now, digest);
  const runs = store.collection<DigestRunDocument>(DIGEST_RUNS);
  if (await runs.findOne({ _id: day })) return false;
  try {
    await store.withTransaction(async (scope) => {
      await scope.collection<DigestRunDocument>(DIGEST_RUNS).insertOne({ _id: day, dueAt: at.toISOString(), scheduledAt: now.toISOString() });
      // Everything until now goes into this digest (a server that was down at the digest time
      // sends it when it starts, with what came in meanwhile); what comes later waits for tomorrow.
      await appendEvent(scope, 'notification.digest_due', null, { day, dueAt: at.toISOString(), cutoff: now.toISOString() }, now.toISOString());
    });
    return true;
  } catch (error) {
    if (error instanceof DuplicateKeyError) return false; // another node, or a check that overlapped, did it
    throw error;
  }
}

/** Checks every `everyMs` (a minute in production) and once at start; stop() ends it. */
export function startDigestScheduler(
  store: DocumentStore,
  clock: Clock,
  digest: DigestTime,
  options: { everyMs: number; onScheduled: () => void; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const check = () => {
    running = running
      .then(() => scheduleDueDigest(store, clock, digest))
      .then((scheduled) => (scheduled ? options.onScheduled() : undefined), options.onError);
  };
  check();
  const timer = setInterval(check, options.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
