// When the viewer last had this dialogue open (in this browser), to mark what is new since. The
// previous visit is read once when the page opens; the stored time moves to now as it opens.
import { useState } from 'react';

const key = (dialogueId: string) => `dialogforum.lastVisit.${dialogueId}`;

export function useLastVisit(dialogueId: string): string | null {
  const [previous] = useState(() => {
    try {
      const stored = window.localStorage.getItem(key(dialogueId));
      window.localStorage.setItem(key(dialogueId), new Date().toISOString());
      return stored;
    } catch {
      // Storage may be disabled: then nothing is marked new.
      return null;
    }
  });
  return previous;
}
