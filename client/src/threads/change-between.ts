// What happened to a thread between the copy the page had and the thread as it is now. A push says
// what happened; a catch-up (after the page was away from the dialogue's room) brings only the
// threads as they are now, so what a screen-reader user is told is read from the difference.
import type { ThreadChange, ThreadView } from '@dialogforum/contracts';

/** The change worth telling (as a push would name it) that turned `before` (absent: a thread new to the page) into `after`. */
export function changeBetween(before: ThreadView | undefined, after: ThreadView): ThreadChange | null {
  const official = (thread: ThreadView) => thread.answers.filter((answer) => answer.official && !answer.private);
  if (before === undefined || before.status !== after.status) {
    if (after.status === 'pending') return 'submitted';
    if (after.status === 'answered-privately') return 'answered-privately';
    // Published from the buyers' inbox comes with its answer; asked in the open, without.
    return before === undefined && official(after).length === 0 ? 'asked' : 'published';
  }
  if (official(after).length > official(before).length) return 'answered';
  const versions = (thread: ThreadView) => official(thread).reduce((sum, answer) => sum + answer.versionCount, 0);
  if (versions(after) > versions(before)) return 'corrected';
  if (after.comments.length > before.comments.length) return 'commented';
  return null;
}
