// The threads of one open dialogue page, kept live without refetching: the first page comes from
// `threads.list`; every `thread.changed` push replaces that thread if it is newer (its `change`
// is higher); after every (re)subscription the page asks `threads.changes` for what it missed
// while the socket was away, so a gap in the connection is never a gap on the page. Only when
// too much changed, or the viewer's rights changed, is the page loaded again.
import type { ListThreadsInput, ThreadChanges, ThreadFilter, ThreadInbox, ThreadPage, ThreadSort, ThreadView, ViewerMarks } from '@dialogforum/contracts';

/** The three reads the page needs; the app passes its tRPC client, tests and benchmarks their own. */
export type ThreadsApi = {
  list(input: Partial<ListThreadsInput> & { dialogueId: string }): Promise<ThreadPage>;
  inbox(input: { dialogueId: string }): Promise<ThreadInbox>;
  changes(input: { dialogueId: string; afterChange: number }): Promise<ThreadChanges>;
};

export type ThreadsSnapshot = {
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  /** Published threads in the chosen order and filter, as far as loaded. */
  list: ThreadView[];
  /** The viewer's own questions that are not published. */
  ownUnpublished: ThreadView[];
  /** The buyers' inbox (only for those who may see it). */
  pending: ThreadView[];
  answeredPrivately: ThreadView[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  marks: { threads: Set<string>; posts: Set<string>; votes: Set<string> };
};

/** A thread the catch-up brought newer than the page had it (`before` absent: new to the page). */
export type CaughtUp = { before: ThreadView | undefined; after: ThreadView };

const PAGE = 20;
/** How often a catch-up is tried before giving up (about 8 s in all). */
const CATCH_UP_ATTEMPTS = 6;

export class DialogueThreads {
  private threads = new Map<string, ThreadView>();
  private marks = { threads: new Set<string>(), posts: new Set<string>(), votes: new Set<string>() };
  /** The highest change this page has seen: what it asks for after a reconnect. */
  private change = 0;
  private loadedPublished = 0;
  private total = 0;
  private hasMore = false;
  private status: ThreadsSnapshot['status'] = 'loading';
  private error: unknown = null;
  private loadingMore = false;
  private generation = 0;
  private snapshot: ThreadsSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: ThreadsApi,
    readonly dialogueId: string,
    private sort: ThreadSort,
    private filter: ThreadFilter,
    /** The viewer may see the buyers' inbox (a buyer of the dialogue, or a moderator). */
    private readonly withInbox: boolean,
  ) {
    this.snapshot = this.build();
    void this.load();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ThreadsSnapshot => this.snapshot;

  /** Loads the first page again, e.g. for another order or filter, or after the viewer's rights changed. */
  async load(order: { sort: ThreadSort; filter: ThreadFilter } = { sort: this.sort, filter: this.filter }): Promise<void> {
    const generation = ++this.generation;
    this.sort = order.sort;
    this.filter = order.filter;
    this.status = this.threads.size === 0 ? 'loading' : this.status;
    this.emit();
    try {
      const [page, inbox] = await Promise.all([
        this.api.list({ dialogueId: this.dialogueId, sort: this.sort, filter: this.filter, limit: PAGE }),
        this.withInbox ? this.api.inbox({ dialogueId: this.dialogueId }) : null,
      ]);
      if (generation !== this.generation) return;
      this.threads = new Map();
      for (const thread of [...page.threads, ...page.ownUnpublished, ...(inbox ? [...inbox.pending, ...inbox.answeredPrivately] : [])]) {
        this.threads.set(thread.id, thread);
      }
      this.setMarks(page.marks);
      this.change = Math.max(page.change, inbox?.change ?? 0);
      this.loadedPublished = page.threads.length;
      this.total = page.total;
      this.hasMore = page.nextOffset !== null;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = 'error';
      this.error = error;
    }
    this.emit();
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore) return;
    this.loadingMore = true;
    this.emit();
    const generation = this.generation;
    try {
      const page = await this.api.list({
        dialogueId: this.dialogueId,
        sort: this.sort,
        filter: this.filter,
        offset: this.loadedPublished,
        limit: PAGE,
      });
      if (generation !== this.generation) return;
      for (const thread of page.threads) this.keepNewer(thread);
      this.loadedPublished += page.threads.length;
      this.hasMore = page.nextOffset !== null;
      this.total = Math.max(this.total, page.total);
    } finally {
      this.loadingMore = false;
      this.emit();
    }
  }

  /** A live push: the thread as it is now. Returns whether the page had not seen this change yet. */
  apply(thread: ThreadView): boolean {
    const known = this.threads.get(thread.id);
    if (known && known.change >= thread.change) return false;
    // A thread newly public (asked in the open, or published from the inbox) is one more on the page.
    if (thread.status === 'published' && known?.status !== 'published') this.total += 1;
    this.keepNewer(thread);
    this.change = Math.max(this.change, thread.change);
    this.emit();
    return true;
  }

  /**
   * What changed while this page was not listening (after a reconnect, or after the viewer's own
   * action). Right after a reconnect the server may still be starting or busy: a failed attempt is
   * tried again a few times, a little later each time, before the caller hears of it.
   */
  async catchUp(): Promise<CaughtUp[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.catchUpOnce();
      } catch (error) {
        if (attempt >= CATCH_UP_ATTEMPTS - 1) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 4000)));
      }
    }
  }

  private async catchUpOnce(): Promise<CaughtUp[]> {
    // A page loaded again has nothing to tell as news: it shows what is.
    if (this.status !== 'ready') return this.load().then(() => []);
    const generation = this.generation;
    const changes = await this.api.changes({ dialogueId: this.dialogueId, afterChange: this.change });
    if (generation !== this.generation) return [];
    if (!changes.complete) return this.load().then(() => []);
    const caught: CaughtUp[] = [];
    for (const thread of changes.threads) {
      const before = this.threads.get(thread.id);
      if (before && before.change >= thread.change) continue;
      if (thread.status === 'published' && before?.status !== 'published') this.total += 1;
      this.threads.set(thread.id, thread);
      caught.push({ before, after: thread });
    }
    this.setMarks(changes.marks);
    this.change = Math.max(this.change, changes.change);
    this.emit();
    return caught;
  }

  /** The viewer's own action, before the push or catch-up confirms it. */
  markOwn(kind: 'thread' | 'post', id: string): void {
    (kind === 'thread' ? this.marks.threads : this.marks.posts).add(id);
    this.emit();
  }

  markVote(threadId: string, wants: boolean): void {
    if (wants) this.marks.votes.add(threadId);
    else this.marks.votes.delete(threadId);
    this.emit();
  }

  private keepNewer(thread: ThreadView): void {
    const known = this.threads.get(thread.id);
    if (!known || known.change <= thread.change) this.threads.set(thread.id, thread);
  }

  private setMarks(marks: ViewerMarks): void {
    this.marks = { threads: new Set(marks.threads), posts: new Set(marks.posts), votes: new Set(marks.votes) };
  }

  private emit(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): ThreadsSnapshot {
    const all = [...this.threads.values()];
    const mine = (thread: ThreadView) => this.marks.threads.has(thread.id);
    const list = all.filter((thread) => thread.status === 'published' && matchesFilter(thread, this.filter, mine(thread))).sort(ORDER[this.sort]);
    return {
      status: this.status,
      error: this.error,
      list,
      ownUnpublished: all.filter((thread) => thread.status !== 'published' && mine(thread)).sort(byNewest),
      pending: all.filter((thread) => thread.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      answeredPrivately: all.filter((thread) => thread.status === 'answered-privately').sort(byNewest),
      total: this.total,
      hasMore: this.hasMore,
      loadingMore: this.loadingMore,
      marks: this.marks,
    };
  }
}

function matchesFilter(thread: ThreadView, filter: ThreadFilter, mine: boolean): boolean {
  if (filter === 'answered') return thread.answered;
  if (filter === 'unanswered') return !thread.answered;
  if (filter === 'mine') return mine;
  return true;
}

const published = (thread: ThreadView) => thread.publishedAt ?? thread.createdAt;
const byNewest = (a: ThreadView, b: ThreadView) => published(b).localeCompare(published(a)) || b.id.localeCompare(a.id);

/** The server's orders (server/src/modules/threads/queries.ts), so pushed threads land where a reload would put them. */
const ORDER: Record<ThreadSort, (a: ThreadView, b: ThreadView) => number> = {
  newest: byNewest,
  'most-wanted': (a, b) => b.voteCount - a.voteCount || byNewest(a, b),
  'unanswered-first': (a, b) => Number(a.answered) - Number(b.answered) || byNewest(a, b),
};
