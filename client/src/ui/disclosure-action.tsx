// A button that opens a small form or panel right below it (answer, comment, correct, flag …).
// It says whether it is open (aria-expanded), and when the panel closes — sent or cancelled —
// focus returns to the button, so keyboard users keep their place in a long list of threads.
import { useRef, useState, type ReactNode } from 'react';

export function DisclosureAction({
  label,
  context,
  regionId,
  className = 'button button-secondary button-small',
  children,
}: {
  label: string;
  /** Read after the label by screen readers, e.g. the thread's title ("Comment: Range in winter?"). */
  context?: string;
  /** Names the panel: its id is this with "-panel" after it, so it never clashes with the form inside (often named alike). */
  regionId: string;
  className?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = `${regionId}-panel`;
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className="disclosure-action">
      <button
        ref={toggle}
        type="button"
        className={className}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
        {context ? <span className="visually-hidden">: {context}</span> : null}
      </button>
      {open && (
        <div id={panelId} className="disclosure-panel">
          {children(close)}
        </div>
      )}
    </div>
  );
}
