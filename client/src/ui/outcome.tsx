// The outcome of an action shown where it happened, in a polite status region that is there from
// the start (so what appears is announced). When the control that was used goes away with the
// action (a removed row, a section that no longer applies) the outcome takes focus instead, so
// keyboard users are not dropped at the top of the page.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function useOutcome(): {
  show: (message: string, options?: { focus?: boolean }) => void;
  clear: () => void;
  node: ReactNode;
} {
  const [outcome, setOutcome] = useState<{ message: string; focus: boolean; n: number } | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome?.focus) ref.current?.focus();
  }, [outcome]);
  return {
    show: (message, options = {}) => setOutcome((previous) => ({ message, focus: options.focus ?? false, n: (previous?.n ?? 0) + 1 })),
    clear: () => setOutcome(null),
    node: (
      <div role="status" className="form-status">
        {outcome && (
          // Keyed, so the same sentence twice is a new node and is announced again.
          <p key={outcome.n} ref={ref} tabIndex={-1} className="notice notice-success">
            {outcome.message}
          </p>
        )}
      </div>
    ),
  };
}
