// A small router on the History API: the URL is the state, <Link> pushes entries, back/forward
// re-render. After a navigation to another page the page's <h1> takes focus (see PageHeading).
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'dialogforum:navigate';

export type RouterLocation = { pathname: string; search: URLSearchParams; hash: string };

let lastPathname = typeof window === 'undefined' ? '/' : window.location.pathname;
let focusRequested = false;

function noteLocationChange() {
  const pathname = window.location.pathname;
  if (pathname !== lastPathname) {
    lastPathname = pathname;
    focusRequested = true;
  }
}

function subscribe(onChange: () => void): () => void {
  const onPopState = () => {
    noteLocationChange();
    onChange();
  };
  window.addEventListener('popstate', onPopState);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onPopState);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => window.location.href;

export function useLocation(): RouterLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href);
  return { pathname: url.pathname, search: url.searchParams, hash: url.hash };
}

/** Go to a same-origin path. `replace` changes the current entry (filters, search terms). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const samePage = url.pathname === window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', url.href);
  else window.history.pushState(null, '', url.href);
  noteLocationChange();
  if (!samePage && !url.hash) window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * True once after a navigation to another page; the page heading that mounts next takes focus, so
 * a screen reader announces the new page and keyboard users start from its top.
 */
export function consumeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/** Matches "/dialogues/:id" against a pathname; returns the decoded params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i]!;
    const actual = pathParts[i]!;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/**
 * Where to go after signing in, from a `next` parameter anyone can put in a link. Checking the text
 * is not enough: the URL parser drops tabs and newlines, reads backslashes as slashes and accepts
 * userinfo and schemes, so `/%09/evil.example` passed a "starts with one slash" check and still
 * went to evil.example. The value is parsed the way navigation will parse it and kept only when it
 * lands on this app's own origin; then only its path, query and fragment are kept, and a path that
 * would itself read as another host (`//evil.example`) is refused too.
 */
export function safeReturnPath(value: string | null): string {
  if (!value) return '/';
  const origin = window.location.origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return new URL(path, origin).origin === origin && !path.startsWith('//') ? path : '/';
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey || event.ctrlKey || event.shiftKey || event.altKey ||
      (target && target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
