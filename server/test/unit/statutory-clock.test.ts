// The cut-off for supplementary information counts calendar days in Swedish time, so across a change
// to or from summer time it is the same time of day six (four) days earlier, not 6 × 24 hours.
import { earliestTenderDeadlineAfter, shiftCalendarDays, supplementaryInformationCutoff } from '@dialogforum/contracts';
import { describe, expect, it } from 'vitest';

describe('the cut-off for supplementary information', () => {
  it('is six days before the tender deadline at the same Swedish time of day, or four when accelerated', () => {
    // 1 December 2026 12:00 CET (UTC+1), no change of clocks in between.
    expect(supplementaryInformationCutoff('2026-12-01T12:00:00+01:00', false)).toBe('2026-11-25T11:00:00.000Z');
    expect(supplementaryInformationCutoff('2026-12-01T12:00:00+01:00', true)).toBe('2026-11-27T11:00:00.000Z');
  });

  it('keeps the Swedish time of day across the change to summer time (29 March 2026)', () => {
    // Tender deadline Thursday 2 April 2026 12:00 CEST (UTC+2); six days earlier is Friday 27 March
    // 12:00 CET (UTC+1): 5 days and 23 hours before, not 6 × 24 hours.
    const cutoff = supplementaryInformationCutoff('2026-04-02T12:00:00+02:00', false);
    expect(cutoff).toBe('2026-03-27T11:00:00.000Z');
    expect(Date.parse('2026-04-02T10:00:00Z') - Date.parse(cutoff)).toBe(6 * 86_400_000 - 3_600_000);
  });

  it('keeps the Swedish time of day across the change back to winter time (25 October 2026)', () => {
    // Tender deadline 28 October 2026 17:00 CET (UTC+1); four days earlier is 24 October 17:00 CEST (UTC+2).
    const cutoff = supplementaryInformationCutoff('2026-10-28T17:00:00+01:00', true);
    expect(cutoff).toBe('2026-10-24T15:00:00.000Z');
    expect(Date.parse('2026-10-28T16:00:00Z') - Date.parse(cutoff)).toBe(4 * 86_400_000 + 3_600_000);
  });

  it('reads the tender deadline in Swedish time whatever offset it was written with', () => {
    // 23:30 UTC on 31 March is 1 April 01:30 in Stockholm: the cut-off is 26 March 01:30 CET.
    expect(supplementaryInformationCutoff('2026-03-31T23:30:00Z', false)).toBe('2026-03-26T00:30:00.000Z');
  });

  it('takes the earlier reading of a time the clocks skip or repeat: a buyer is warned sooner, never later', () => {
    // 02:30 on 29 March 2026 does not exist in Stockholm (02:00 CET → 03:00 CEST).
    const skipped = shiftCalendarDays(new Date('2026-04-04T02:30:00+02:00'), -6, 'Europe/Stockholm');
    expect(skipped.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    // 02:30 on 25 October 2026 happens twice (CEST, then CET): the first one.
    const repeated = shiftCalendarDays(new Date('2026-10-31T02:30:00+01:00'), -6, 'Europe/Stockholm');
    expect(repeated.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('offers as the earliest tender deadline for a late answer the moment whose cut-off is now', () => {
    const now = new Date('2026-03-26T09:15:00Z'); // 10:15 CET
    const earliest = earliestTenderDeadlineAfter(now, false);
    expect(earliest.toISOString()).toBe('2026-04-01T08:15:00.000Z'); // 10:15 CEST
    expect(supplementaryInformationCutoff(earliest.toISOString(), false)).toBe(now.toISOString());
  });
});
