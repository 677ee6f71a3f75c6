// Sector arenas (sektoriella arenor) that exist from the first start. Their ids are stable slugs so
// links and search filters survive a rebuild of the store.
export const ARENAS = [
  { id: 'healthcare', name: { sv: 'Hälsa och vård', en: 'Healthcare' } },
  { id: 'transport', name: { sv: 'Transport', en: 'Transport' } },
  { id: 'energy-environment', name: { sv: 'Energi och miljö', en: 'Energy and environment' } },
  { id: 'ict', name: { sv: 'IKT', en: 'ICT' } },
  { id: 'space', name: { sv: 'Rymd', en: 'Space' } },
  { id: 'big-science', name: { sv: 'Big Science', en: 'Big Science' } },
] as const;

export type ArenaId = (typeof ARENAS)[number]['id'];
export const ARENA_IDS = ARENAS.map((arena) => arena.id) as [ArenaId, ...ArenaId[]];
