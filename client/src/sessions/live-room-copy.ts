// This tab's copy of a session's live room, kept in step by the room's change numbers. A push
// says which range of numbers it brings, (from, to]: a push that starts where the copy is applies;
// one that starts later means the copy missed something, so it asks the server for everything
// after its number instead; one the copy has seen already is ignored. Items are replaced by their
// own change number, so applying the same thing twice changes nothing. A question whose votes alone
// changed comes as its count; a count for a question the copy does not hold means the copy missed
// the question itself, so it asks for everything after its number rather than apply the push.
import type { AnnouncementView, LivePresence, LiveQuestionView, LiveRoomChanges, LiveRoomView, PollView } from '@dialogforum/contracts';

export type LiveRoomSnapshot = {
  room: LiveRoomView;
  seq: number;
  questions: LiveQuestionView[];
  announcements: AnnouncementView[];
  polls: PollView[];
  presence: LivePresence | null;
  /** Questions that arrived live since the page opened (for announcing them). */
  arrived: LiveQuestionView[];
};

export type LiveRoomApi = { changes: (input: { sessionId: string; since: number }) => Promise<LiveRoomChanges> };

export class LiveRoomCopy {
  private snapshot: LiveRoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private catchingUp: Promise<void> | null = null;
  /** Where each question is in the snapshot's list (questions keep their place once there). */
  private questionAt: Map<string, number>;

  constructor(
    private readonly api: LiveRoomApi,
    room: LiveRoomView,
  ) {
    this.snapshot = { room, seq: room.to, questions: room.questions, announcements: room.announcements, polls: room.polls, presence: null, arrived: [] };
    this.questionAt = new Map(room.questions.map((question, at) => [question.id, at]));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveRoomSnapshot => this.snapshot;

  /** A push from the room. */
  receive(changes: LiveRoomChanges): void {
    if (changes.to <= this.snapshot.seq) return;
    if (changes.from > this.snapshot.seq || this.lacksCounted(changes)) {
      void this.catchUp();
      return;
    }
    this.apply(changes, true);
  }

  /** Asks for everything after the copy's number (after joining the room, and after a gap). */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.api
      .changes({ sessionId: this.snapshot.room.sessionId, since: this.snapshot.seq })
      .then((changes) => this.apply(changes, false))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  presence(presence: LivePresence): void {
    this.set({ ...this.snapshot, presence });
  }

  /** What this viewer did themself (a vote, a poll answer): kept on the page until the room says so too. */
  setViewer(viewer: Partial<LiveRoomView['viewer']>): void {
    this.set({ ...this.snapshot, room: { ...this.snapshot.room, viewer: { ...this.snapshot.room.viewer, ...viewer } } });
  }

  private lacksCounted(changes: LiveRoomChanges): boolean {
    return changes.votes.some((count) => !this.questionAt.has(count.questionId) && !changes.questions.some((question) => question.id === count.questionId));
  }

  private apply(changes: LiveRoomChanges, live: boolean): void {
    const current = this.snapshot;
    // A catch-up from 0 (the server no longer knows the copy's number) replaces everything.
    const reset = changes.from === 0 && current.seq > 0 && !live;
    if (reset) this.questionAt = new Map();
    // A push carries the few items that changed; the room may hold hundreds. Only what changed is
    // looked at: the questions keep their places (found by id), and polls and announcements are
    // rebuilt only when the push has some, so a vote costs the same in a full room as in an empty one.
    const questions = reset ? [] : current.questions.slice();
    const arrived: LiveQuestionView[] = [];
    for (const question of changes.questions) {
      const at = this.questionAt.get(question.id);
      if (at === undefined) {
        if (question.status === 'visible') arrived.push(question);
        this.questionAt.set(question.id, questions.length);
        questions.push(question);
      } else if (questions[at]!.change <= question.change) {
        questions[at] = question;
      }
    }
    for (const count of changes.votes) {
      const at = this.questionAt.get(count.questionId);
      // Only a catch-up could bring a count without its question (servers send none): nothing to apply it to.
      if (at === undefined) continue;
      const held = questions[at]!;
      if (held.change <= count.change) questions[at] = withCount(held, count.votes, count.change);
    }
    this.set({
      ...current,
      room: sameRoomSettings(current.room, changes)
        ? current.room
        : { ...current.room, status: changes.status, questionsNeedApproval: changes.questionsNeedApproval, minutes: changes.minutes },
      seq: Math.max(reset ? 0 : current.seq, changes.to),
      questions,
      polls: reset || changes.polls.length > 0 ? mergePolls(reset ? [] : current.polls, changes.polls) : current.polls,
      announcements:
        reset || changes.announcements.length > 0 ? mergeAnnouncements(reset ? [] : current.announcements, changes.announcements) : current.announcements,
      arrived: reset || arrived.length === 0 ? NONE_ARRIVED : arrived,
    });
  }

  private set(next: LiveRoomSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * The question with its count and change number now. Written out field by field rather than spread:
 * a push is mostly counts, applied in every participant's tab, and the spread took about twice the
 * time of this whole function's work (room19's measurement in docs/benchmarks.md). The return type
 * makes a new field of a question fail to compile here rather than be dropped.
 */
function withCount(question: LiveQuestionView, votes: number, change: number): LiveQuestionView {
  return {
    id: question.id,
    sessionId: question.sessionId,
    status: question.status,
    body: question.body,
    author: question.author,
    votes,
    pinned: question.pinned,
    answer: question.answer,
    hidden: question.hidden,
    threadId: question.threadId,
    createdAt: question.createdAt,
    change,
  };
}

/** One empty list for every push that brings no new question (most do not), rather than a new one each time. */
const NONE_ARRIVED: LiveQuestionView[] = [];

/** Whether a push leaves the room's settings as the copy holds them (nearly every push does: it is votes). */
function sameRoomSettings(room: LiveRoomView, changes: LiveRoomChanges): boolean {
  return (
    room.status === changes.status &&
    room.questionsNeedApproval === changes.questionsNeedApproval &&
    room.minutes?.text === changes.minutes?.text &&
    room.minutes?.at === changes.minutes?.at
  );
}

function mergePolls(current: PollView[], changed: PollView[]): PollView[] {
  const polls = new Map(current.map((poll) => [poll.id, poll]));
  for (const poll of changed) if ((polls.get(poll.id)?.change ?? -1) <= poll.change) polls.set(poll.id, poll);
  return [...polls.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function mergeAnnouncements(current: AnnouncementView[], changed: AnnouncementView[]): AnnouncementView[] {
  const announcements = new Map(current.map((announcement) => [announcement.id, announcement]));
  for (const announcement of changed) announcements.set(announcement.id, announcement);
  return [...announcements.values()].sort((a, b) => b.at.localeCompare(a.at));
}
