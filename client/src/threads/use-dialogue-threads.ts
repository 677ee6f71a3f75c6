// The live threads of a dialogue page: one store per dialogue, order and filter, kept in step with
// the dialogue's room, and the viewer's last visit (what is new since then). Changes are announced
// politely to screen readers, never moving focus.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { DialogueView, ThreadChange, ThreadFilter, ThreadSort, ThreadView } from '@dialogforum/contracts';
import { queryClient, trpc, trpcClient } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { useDialogueRoom } from '../realtime.ts';
import { DialogueThreads, type ThreadsApi } from './dialogue-threads.ts';

const api: ThreadsApi = {
  list: (input) => trpcClient.threads.list.query(input),
  inbox: (input) => trpcClient.threads.inbox.query(input),
  changes: (input) => trpcClient.threads.changes.query(input),
};
import { useLastVisit } from './last-visit.ts';
import { changeBetween } from './change-between.ts';

/** Beyond this many changes caught up at once, one sentence counts them rather than reading each. */
const CAUGHT_UP_TOLD_ONE_BY_ONE = 3;

export function useDialogueThreads(dialogue: DialogueView, withInbox: boolean) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [order, setOrder] = useState<{ sort: ThreadSort; filter: ThreadFilter }>({ sort: 'newest', filter: 'all' });
  const store = useMemo(() => new DialogueThreads(api, dialogue.id, 'newest', 'all', withInbox), [dialogue.id, withInbox]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const firstOrder = useRef(true);
  useEffect(() => {
    if (firstOrder.current) {
      firstOrder.current = false;
      return;
    }
    void store.load(order);
  }, [store, order]);

  const previousVisit = useLastVisit(dialogue.id);
  const newSinceLastVisit = useMemo(() => {
    if (previousVisit === null) return new Set<string>();
    return new Set(snapshot.list.filter((thread) => (thread.publishedAt ?? '') > previousVisit).map((thread) => thread.id));
  }, [snapshot.list, previousVisit]);

  useDialogueRoom(dialogue.id, true, {
    subscribed: () => {
      // What changed while the page was not in the room is news too: told as a push would tell it.
      void store
        .catchUp()
        .then((caught) => {
          const messages = caught.flatMap(({ before, after }) => {
            const what = changeBetween(before, after);
            const message = what && announcement(what, after, t);
            return message ? [message] : [];
          });
          if (messages.length > CAUGHT_UP_TOLD_ONE_BY_ONE) announce(t('live.caughtUp', { count: String(messages.length) }));
          else for (const message of messages) announce(message);
        })
        .catch(() => store.load());
      // Rounds have no change counter to catch up from; their list is small, so it is read again.
      void queryClient.invalidateQueries({ queryKey: trpc.meetings.rounds.queryKey({ dialogueId: dialogue.id }) });
    },
    threadChanged: (event) => {
      if (store.apply(event.thread)) {
        const message = announcement(event.what, event.thread, t);
        if (message) announce(message);
      }
    },
    dialogueChanged: () => {
      const key = trpc.dialogues.get.queryKey({ dialogueId: dialogue.id });
      const before = queryClient.getQueryData(key);
      void queryClient.invalidateQueries({ queryKey: trpc.dialogues.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.dialogues.history.queryKey({ dialogueId: dialogue.id }) });
      // Announced once the page shows the new state, with the new deadline when one moved.
      void queryClient.invalidateQueries({ queryKey: key }).then(() => {
        const after = queryClient.getQueryData(key);
        // Only the change counter moved (a file attached or removed): the part of the page that changed says what.
        if (!after || JSON.stringify({ ...after, change: 0 }) === JSON.stringify({ ...before, change: 0 })) return;
        if (after.questionDeadline !== before?.questionDeadline) {
          announce(t('live.deadlineChanged', { date: formatDateTime(after.questionDeadline, lang) }));
        } else if (after.tenderDeadline && after.tenderDeadline !== before?.tenderDeadline) {
          announce(t('live.tenderDeadlineChanged', { date: formatDateTime(after.tenderDeadline, lang) }));
        } else {
          announce(t('live.dialogueChanged'));
        }
      });
    },
    sessionChanged: () => void queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() }),
    roundChanged: () => void queryClient.invalidateQueries({ queryKey: trpc.meetings.rounds.queryKey({ dialogueId: dialogue.id }) }),
    accessChanged: () => {
      void queryClient.invalidateQueries({ queryKey: trpc.dialogues.get.queryKey({ dialogueId: dialogue.id }) });
      void store.load();
    },
  });

  return { store, snapshot, order, setOrder, newSinceLastVisit };
}

/** The message for a change, or null for changes not worth interrupting for. */
function announcement(what: ThreadChange, thread: ThreadView, t: Translate): string | null {
  const title = thread.title ?? t('threads.hiddenTitle');
  switch (what) {
    case 'asked':
      return t('live.newQuestion', { title });
    case 'submitted':
      return t('live.submitted', { title });
    case 'published':
      return t('live.published', { title });
    case 'answered':
      return t('live.newOfficialAnswer', { title });
    case 'answered-privately':
      return t('live.answeredPrivately', { title });
    case 'commented':
      return t('live.newComment', { title });
    case 'corrected':
      return t('live.corrected', { title });
    case 'redacted':
      return t('live.redacted', { title });
    case 'attached':
      return t('live.attached', { title });
    default:
      // Votes, edits, hides and locks change what is shown but are not worth interrupting for.
      return null;
  }
}
