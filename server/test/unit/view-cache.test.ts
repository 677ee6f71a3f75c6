// A view cache forgets the entry used least recently when full, and never gives an entry built at
// another version than the one asked for.
import { describe, expect, it } from 'vitest';
import { ViewCache } from '../../src/platform/cache/view-cache.ts';

describe('ViewCache', () => {
  it('gives an entry only at the version it was built at', () => {
    const cache = new ViewCache<string>();
    cache.set('page', 3, 'built at 3');
    expect(cache.get('page', 3)).toBe('built at 3');
    expect(cache.get('page', 4)).toBeUndefined();
  });

  it('when full, forgets the entry used least recently, counting reads as uses', () => {
    const cache = new ViewCache<string>(2);
    cache.set('a', 1, 'A');
    cache.set('b', 1, 'B');
    expect(cache.get('a', 1)).toBe('A'); // a is now the most recent
    expect(cache.get('a', 1)).toBe('A'); // and stays so
    cache.set('c', 1, 'C'); // b goes
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBe('A'); // a again, after c
    cache.set('d', 1, 'D'); // c goes
    expect(cache.get('c', 1)).toBeUndefined();
    expect([cache.get('a', 1), cache.get('d', 1), cache.size]).toEqual(['A', 'D', 2]);
  });
});
