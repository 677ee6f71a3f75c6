// Arena names in the reader's language. Arenas are a fixed list in the contracts (their ids are
// part of the input schemas), so the client needs no request to name them.
import { ARENAS, type ArenaId } from '@dialogforum/contracts';
import type { Language } from './i18n/i18n.tsx';

export function arenaName(id: ArenaId | string, lang: Language): string {
  return ARENAS.find((arena) => arena.id === id)?.name[lang] ?? id;
}

export function arenaOptions(lang: Language): { id: ArenaId; name: string }[] {
  return ARENAS.map((arena) => ({ id: arena.id, name: arena.name[lang] }));
}

export function isArenaId(value: string | null): value is ArenaId {
  return ARENAS.some((arena) => arena.id === value);
}
