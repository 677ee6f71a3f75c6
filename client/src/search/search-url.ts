// A search lives in the URL (/search?q=…&arena=…&page=2), so it can be shared, bookmarked and
// walked with back and forward. This turns the URL into the API's input and back.
import { ARENA_IDS, PHASES, SEARCH_KINDS, searchPath, type SearchInput, type SearchKind } from '@dialogforum/contracts';

export const SEARCH_PAGE_SIZE = 20;

/** The search a URL's query string holds; filters it cannot hold are dropped, not refused. */
export function searchFromUrl(params: URLSearchParams): SearchInput {
  const all = <T extends string>(name: string, allowed: readonly T[]) => params.getAll(name).filter((value): value is T => allowed.includes(value as T));
  const ids = (name: string) => params.getAll(name).filter((value) => /^[A-Za-z0-9_-]{8,40}$/.test(value)).slice(0, 20);
  const day = (name: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(name) ?? '') ? params.get(name)! : undefined);
  const kinds = all('kind', SEARCH_KINDS);
  const arenaIds = all('arena', ARENA_IDS);
  const phases = all('phase', PHASES);
  const dialogueIds = ids('dialogue');
  const buyerOrganisationIds = ids('buyer');
  const answered = params.get('answered');
  const from = day('from');
  const to = day('to');
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    ...(kinds.length ? { kinds } : {}),
    ...(arenaIds.length ? { arenaIds } : {}),
    ...(phases.length ? { phases } : {}),
    ...(dialogueIds.length ? { dialogueIds } : {}),
    ...(buyerOrganisationIds.length ? { buyerOrganisationIds } : {}),
    ...(answered === 'yes' || answered === 'no' ? { answered: answered === 'yes' } : {}),
    ...(from ? { from } : {}),
    ...(to && (!from || from <= to) ? { to } : {}),
    ...(params.get('sort') === 'newest' ? { sort: 'newest' as const } : {}),
    ...(Number.isInteger(page) && page > 1 && page <= 100 ? { page } : {}),
  };
}

/** The URL of a search (page 1 unless given); the server builds the same for links in mail. */
export function searchUrl(search: SearchInput): string {
  return searchPath(search);
}

/** Where a result leads: its dialogue at its thread, or the page of its session, meeting round, library item or relay project. */
export function resultHref(hit: { id: string; kind: SearchKind; dialogueId: string | null; threadId: string | null; subjectId: string | null }): string {
  const subject = encodeURIComponent(hit.subjectId ?? '');
  switch (hit.kind) {
    case 'session-minutes':
      return `/sessions/${subject}/live#live-minutes-heading`;
    case 'live-question':
      return `/sessions/${subject}/live`;
    case 'meeting-minutes':
      // 'meeting:<slot>': the meeting's slot on its round's page.
      return `/rounds/${subject}#slot-${encodeURIComponent(hit.id.slice('meeting:'.length))}`;
    case 'library-item':
      return `/library/${subject}`;
    case 'relay-handover':
      return `/relay/${subject}`;
    default:
      return `/dialogues/${encodeURIComponent(hit.dialogueId ?? '')}${hit.threadId ? `#thread-${hit.threadId}` : ''}`;
  }
}
