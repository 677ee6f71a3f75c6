// One polite aria-live region for the whole app: live updates and confirmations are announced
// to screen-reader users without moving their focus.
//
// Each message is added to the region as an element of its own and taken out after a while, and
// the region speaks additions only (not atomic): two pieces of news at the same moment (an answer
// on the page and the notification about it) are both said, and the same sentence twice is said
// twice. A region holding one message that each call replaced said only the last.
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => {});

/** Long enough for any screen reader to have read it; what is taken out is not announced. */
const SPOKEN_FOR_MS = 10_000;
/** A burst keeps its newest messages only. */
const MAX_MESSAGES = 5;

type Message = { id: number; text: string };

export function LiveAnnouncer({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const nextId = useRef(0);

  const announce = useCallback((text: string) => {
    nextId.current += 1;
    const id = nextId.current;
    setMessages((current) => [...current.slice(1 - MAX_MESSAGES), { id, text }]);
    setTimeout(() => setMessages((current) => current.filter((message) => message.id !== id)), SPOKEN_FOR_MS);
  }, []);

  return (
    <AnnounceContext value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="false" aria-relevant="additions" data-testid="live-announcer">
        {messages.map((message) => (
          <p key={message.id}>{message.text}</p>
        ))}
      </div>
    </AnnounceContext>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
