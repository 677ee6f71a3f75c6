// This tab's copy of a session's live room, kept in step by the room's change numbers. A push
// says which range of numbers it brings, (from, to]: a push that starts where the copy is applies;
// one that starts later means the copy missed something, so it asks the server for everything
// after its number instead; one the copy has seen already is ignored. Items are replaced by their
// own change number, so applying the same thing twice changes nothing.
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

  constructor(
    private readonly api: LiveRoomApi,
    room: LiveRoomView,
  ) {
    this.snapshot = { room, seq: room.to, questions: room.questions, announcements: room.announcements, polls: room.polls, presence: null, arrived: [] };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveRoomSnapshot => this.snapshot;

  /** A push from the room. */
  receive(changes: LiveRoomChanges): void {
    if (changes.to <= this.snapshot.seq) return;
    if (changes.from > this.snapshot.seq) {
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

  private apply(changes: LiveRoomChanges, live: boolean): void {
    const current = this.snapshot;
    // A catch-up from 0 (the server no longer knows the copy's number) replaces everything.
    const reset = changes.from === 0 && current.seq > 0 && !live;
    const arrived: LiveQuestionView[] = [];
    const questions = new Map((reset ? [] : current.questions).map((question) => [question.id, question]));
    for (const question of changes.questions) {
      const known = questions.get(question.id);
      if (known && known.change > question.change) continue;
      if (!known && question.status === 'visible') arrived.push(question);
      questions.set(question.id, question);
    }
    const polls = new Map((reset ? [] : current.polls).map((poll) => [poll.id, poll]));
    for (const poll of changes.polls) if ((polls.get(poll.id)?.change ?? -1) <= poll.change) polls.set(poll.id, poll);
    const announcements = new Map((reset ? [] : current.announcements).map((announcement) => [announcement.id, announcement]));
    for (const announcement of changes.announcements) announcements.set(announcement.id, announcement);
    this.set({
      ...current,
      room: { ...current.room, status: changes.status, questionsNeedApproval: changes.questionsNeedApproval, minutes: changes.minutes },
      seq: Math.max(reset ? 0 : current.seq, changes.to),
      questions: [...questions.values()],
      polls: [...polls.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      announcements: [...announcements.values()].sort((a, b) => b.at.localeCompare(a.at)),
      arrived: reset ? [] : arrived,
    });
  }

  private set(next: LiveRoomSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
