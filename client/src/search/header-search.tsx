// The search box in every page's header: "/" focuses it from anywhere but a text field, typing
// suggests up to five results (a combobox: arrows move, Enter opens, Escape closes), and Enter on
// the text itself opens the results page. Kept small: it is part of the first load; the results
// page is fetched when someone goes there.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { arenaName } from '../arena-names.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { Highlighted } from './highlighted-text.tsx';
import { resultHref, searchUrl } from './search-url.ts';

const SUGGESTIONS = 5;
const TYPING_PAUSE_MS = 200;

export function HeaderSearch() {
  const { t, plural, lang } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Ask when typing pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const suggestions = useQuery({
    ...trpc.search.query.queryOptions({ q: asked, limit: SUGGESTIONS }),
    enabled: open && asked.length >= 2,
    retry: false,
  });
  const hits = open && asked.length >= 2 ? (suggestions.data?.hits ?? []) : [];

  useEffect(() => {
    const focusOnSlash = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', focusOnSlash);
    return () => document.removeEventListener('keydown', focusOnSlash);
  }, []);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (to: string) => {
    close();
    input.current?.blur();
    navigate(to);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const hit = hits[active];
    if (hit) go(resultHref(hit));
    else if (text.trim()) go(searchUrl({ q: text.trim() }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      setActive(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === 'Escape') {
      close();
    }
  };

  const listId = `${id}-suggestions`;
  const showList = hits.length > 0;
  return (
    <form role="search" className="header-search" onSubmit={submit} aria-label={t('search.title')}>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {t('search.boxLabel')}
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        type="search"
        role="combobox"
        autoComplete="off"
        maxLength={200}
        placeholder={t('search.boxPlaceholder')}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        aria-keyshortcuts="/"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="search-suggestions" hidden={!showList} aria-label={t('search.suggestions')}>
        {hits.map((hit, i) => (
          <li
            key={hit.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(event) => {
              event.preventDefault();
              go(resultHref(hit));
            }}
          >
            <span className="search-suggestion-kind">{t(`search.kind.${hit.kind}`)}</span> <Highlighted text={hit.title} />
            {/* Where it was said: the dialogue, or the arenas of a library item or a relay handover. */}
            <span className="search-suggestion-dialogue">{hit.dialogue ? hit.dialogue.title : hit.arenaIds.map((arenaId) => arenaName(arenaId, lang)).join(', ')}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {open && asked.length >= 2 && suggestions.data ? plural('search.suggestionCount', hits.length) : ''}
      </p>
    </form>
  );
}
