// How often each kind of call may be made. Login is limited by every attempt per address, and its
// failures by the sign-in throttle's counts (modules/accounts/sign-in-throttle.ts), which refuse
// an address for an account, never the account itself. Per-address limits leave room for an
// agency's whole office behind one NAT address. Live questions and live votes have their own.
import type { RateLimitCounter, RateLimitEngine, RateLimitRule } from './rate-limit-counter.ts';
import { inMemoryRateLimits } from './rate-limiter.ts';

const MINUTE = 60_000;

export const RATE_LIMIT_RULES = {
  loginPerAddress: { limit: 100, windowMs: 15 * MINUTE },
  /** Wrong passwords for one account from one address: then that address waits (sign-in-throttle.ts). */
  signInFailuresPerAccountAndAddress: { limit: 5, windowMs: 15 * MINUTE },
  signInFailuresPerAccountAndAddressPerDay: { limit: 20, windowMs: 24 * 60 * MINUTE },
  /** Wrong passwords for one account from anywhere: past it the account is being guessed. */
  signInFailuresPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  /** While an account is being guessed, each address gets this many wrong passwords for it. */
  signInFailuresWhileGuessed: { limit: 1, windowMs: 15 * MINUTE },
  registrationPerAddress: { limit: 30, windowMs: 60 * MINUTE },
  postingPerUser: { limit: 30, windowMs: 10 * MINUTE },
  /** Live questions: a few a minute is a busy attendee; a flood is refused before it reaches the room. */
  liveQuestionsPerPerson: { limit: 6, windowMs: MINUTE },
  /** Live upvotes and poll answers: enough to vote through a room's questions, not to flap a count. */
  liveVotesPerPerson: { limit: 40, windowMs: MINUTE },
  searchPerAddress: { limit: 120, windowMs: MINUTE },
  /** Saving, renaming, changing and deleting saved searches: tidying a list, not a flood. */
  savedSearchWritesPerPerson: { limit: 60, windowMs: 10 * MINUTE },
  /** Verification and reset mails: enough for a lost message, too few to spam someone's inbox. */
  accountMailPerUser: { limit: 5, windowMs: 60 * MINUTE },
  /** Guessing a 256-bit token is hopeless, but every attempt costs a transaction. */
  tokenRedemptionPerAddress: { limit: 30, windowMs: 15 * MINUTE },
  /**
   * Every mutation, on top of the limits above: one a second on average for a person (nobody clicks
   * faster for a minute), ten times that for an address (an office behind one NAT address).
   */
  mutationsPerPerson: { limit: 60, windowMs: MINUTE },
  mutationsPerAddress: { limit: 600, windowMs: MINUTE },
  /**
   * Read budgets, in milliseconds of server time (at least 1 ms per call): anonymous reads per
   * address, signed-in reads per person. A thread page costs 1–3 ms, so a reader is never near the
   * budget, while a flooder gets about 1% of one core.
   */
  anonymousReadMsPerAddress: { limit: 600, windowMs: MINUTE },
  signedInReadMsPerPerson: { limit: 1200, windowMs: MINUTE },
  /** The open data API (anonymous, read-only): a harvester pages steadily, a flood is cut off. */
  openDataPerAddress: { limit: 300, windowMs: MINUTE },
  /** Publishing, revising and withdrawing library items: a working day's editing, not a flood. */
  libraryWritesPerPerson: { limit: 30, windowMs: 60 * MINUTE },
  /** Relay projects, handovers, batons, contact offers and relay-thread posts: a working day's relay, not a flood. */
  relayWritesPerPerson: { limit: 60, windowMs: 60 * MINUTE },
  /** Buyers' networks: forming, inviting, answering and discussion posts; a working day's, not a flood. */
  networkWritesPerPerson: { limit: 120, windowMs: 60 * MINUTE },
  /** Capability profiles, opportunities, interest and consortium steps: a working day's partnering, not a flood. */
  consortiaWritesPerPerson: { limit: 60, windowMs: 60 * MINUTE },
  /** Exports of a dialogue's questions and answers, in units: a PDF costs 5, CSV and JSON 1 (export-routes.ts). */
  exportsPerPerson: { limit: 60, windowMs: 10 * MINUTE },
  exportsPerAddress: { limit: 300, windowMs: 10 * MINUTE },
  /**
   * Feedback to the operators: enough for a person who meets several barriers, too few to flood the
   * operators' mailbox from one address or all together; a receipt to one address at most 3 an hour.
   */
  feedbackPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  feedbackPerService: { limit: 300, windowMs: 60 * MINUTE },
  feedbackReceiptsPerRecipient: { limit: 3, windowMs: 60 * MINUTE },
  /**
   * Calendar files and feeds (calendar-routes.ts): a session's file per person, every calendar GET
   * per address, and each feed by itself — calendar apps poll a feed every few minutes at most.
   */
  calendarPerPerson: { limit: 60, windowMs: 10 * MINUTE },
  calendarPerAddress: { limit: 600, windowMs: 10 * MINUTE },
  calendarPerFeed: { limit: 30, windowMs: 10 * MINUTE },
  /** Attachments uploaded per person: files, and their volume in KiB (charged from Content-Length before a byte is read). */
  attachmentUploadsPerPerson: { limit: 30, windowMs: 10 * MINUTE },
  attachmentKibPerPerson: { limit: 200 * 1024, windowMs: 60 * MINUTE },
  /** Attachments downloaded per address: an office behind one NAT address reading a whole dialogue's files. */
  attachmentDownloadsPerAddress: { limit: 300, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMIT_RULES;
export type RateLimiters = Record<RateLimitName, RateLimitCounter>;

/**
 * `scale` multiplies every limit: 1 in production; load benchmarks raise it, never tests of limits.
 * `engine` counts: in this process's memory unless a shared engine is given.
 */
export function createRateLimiters(scale: number, engine: RateLimitEngine = inMemoryRateLimits): RateLimiters {
  const entries = Object.entries(RATE_LIMIT_RULES).map(([name, rule]) => [name, engine(name, { limit: rule.limit * scale, windowMs: rule.windowMs })]);
  return Object.fromEntries(entries) as RateLimiters;
}
