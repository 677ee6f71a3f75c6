// What every part of a dialogue's Q&A needs: the dialogue as the viewer sees it, the live store of
// its threads, and the viewer's own marks (to say "you" and to offer their own edits).
import { createContext, useContext, type ReactNode } from 'react';
import type { DialogueView, Me } from '@dialogforum/contracts';
import type { DialogueThreads, ThreadsSnapshot } from './dialogue-threads.ts';

export type ThreadsContextValue = {
  dialogue: DialogueView;
  me: Me | null;
  store: DialogueThreads;
  snapshot: ThreadsSnapshot;
  /** Threads published since the viewer last had the dialogue open (in this browser). */
  newSinceLastVisit: Set<string>;
};

const ThreadsContext = createContext<ThreadsContextValue | null>(null);

export function ThreadsProvider({ value, children }: { value: ThreadsContextValue; children: ReactNode }) {
  return <ThreadsContext value={value}>{children}</ThreadsContext>;
}

export function useThreads(): ThreadsContextValue {
  const value = useContext(ThreadsContext);
  if (!value) throw new Error('useThreads outside a dialogue page');
  return value;
}
