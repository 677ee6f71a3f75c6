// The rules the innovation metrics count by: the month of an instant in Swedish time, and whether an
// answer came before the statutory cut-off of the tender deadline in force when it was published,
// reconstructed from the changes the log recorded (so a rebuild, which reads the dialogue as it is
// today, judges an old answer as it was judged then).
import { describe, expect, it } from 'vitest';
import type { TenderClockHistory } from '../../src/modules/metrics/documents.ts';
import { monthOf, withinCutoff } from '../../src/modules/metrics/metric-figures.ts';

describe('monthOf', () => {
  it('counts in Swedish time, across the new year and the change to summer time', () => {
    expect(monthOf('2026-12-31T22:59:59.000Z')).toBe('2026-12');
    expect(monthOf('2026-12-31T23:00:00.000Z')).toBe('2027-01'); // midnight in Stockholm (UTC+1)
    expect(monthOf('2026-03-31T21:59:59.000Z')).toBe('2026-03');
    expect(monthOf('2026-03-31T22:00:00.000Z')).toBe('2026-04'); // midnight in Stockholm (UTC+2)
  });
});

describe('withinCutoff', () => {
  const deadline = '2026-06-30T10:00:00.000Z'; // cut-off 6 days before: 2026-06-24T10:00Z
  const later = '2026-08-31T10:00:00.000Z';

  it('judges an answer by the deadline in force when it was published', () => {
    const clock: TenderClockHistory = {
      // What a rebuild reads today: the deadline moved later since.
      asRead: { tenderDeadline: later, accelerated: false },
      changes: [{ seq: 20, tenderDeadline: { from: deadline, to: later } }],
    };
    expect(withinCutoff(clock, 10, '2026-06-24T09:59:00.000Z')).toBe(true);
    expect(withinCutoff(clock, 11, '2026-06-25T10:00:00.000Z')).toBe(false); // late under the old deadline
    expect(withinCutoff(clock, 21, '2026-06-25T10:00:00.000Z')).toBe(true); // after "extend and send"
  });

  it('takes an accelerated procedure’s four days, and no cut-off without a tender deadline', () => {
    const accelerated: TenderClockHistory = { asRead: { tenderDeadline: deadline, accelerated: false }, changes: [{ seq: 5, accelerated: { from: false, to: true } }] };
    expect(withinCutoff(accelerated, 4, '2026-06-25T10:00:00.000Z')).toBe(false); // six days then
    expect(withinCutoff(accelerated, 6, '2026-06-25T10:00:00.000Z')).toBe(true); // four days now
    const none: TenderClockHistory = { asRead: { tenderDeadline: null, accelerated: false }, changes: [] };
    expect(withinCutoff(none, 1, '2030-01-01T00:00:00.000Z')).toBe(true);
    const removed: TenderClockHistory = { asRead: { tenderDeadline: null, accelerated: false }, changes: [{ seq: 9, tenderDeadline: { from: deadline, to: null } }] };
    expect(withinCutoff(removed, 8, '2026-06-29T00:00:00.000Z')).toBe(false);
    expect(withinCutoff(removed, 10, '2026-06-29T00:00:00.000Z')).toBe(true);
  });
});
