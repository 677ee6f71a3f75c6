// Which vote counts a live push may carry to whom (server/src/modules/sessions/live-room-views.ts):
// a count names its question, so an audience that may not see the question gets neither.
import { describe, expect, it } from 'vitest';
import type { LiveQuestionDocument } from '../../src/modules/sessions/live-documents.ts';
import { liveVoteCounts } from '../../src/modules/sessions/live-room-views.ts';

function question(id: string, status: LiveQuestionDocument['status'], shown: boolean, votes: number): LiveQuestionDocument {
  return {
    _id: id,
    sessionId: 's1',
    dialogueId: 'd1',
    askerId: 'asker',
    askerOrganisationId: 'o1',
    body: `Fråga ${id}`,
    status,
    shown,
    votes,
    pinned: false,
    answer: null,
    hidden: status === 'hidden' ? { at: '2026-11-26T10:00:00.000Z', by: 'host', reason: 'Utanför ämnet.' } : null,
    threadId: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    change: 7,
  };
}

const questions = [question('visible', 'visible', true, 3), question('waiting', 'pending', false, 0), question('hidden', 'hidden', true, 5), question('hidden-waiting', 'hidden', false, 1)];
const ids = (viewer: Parameters<typeof liveVoteCounts>[0]) => liveVoteCounts(viewer, questions).map((count) => count.questionId);

describe('the vote counts a live push carries', () => {
  it('gives the attendees the counts of visible questions alone, and the hosts every count', () => {
    expect(liveVoteCounts({ userId: null, seesAll: false }, questions)).toEqual([{ questionId: 'visible', votes: 3, change: 7 }]);
    expect(ids({ userId: 'someone', seesAll: false })).toEqual(['visible']);
    expect(ids({ userId: null, seesAll: true })).toEqual(['visible', 'waiting', 'hidden', 'hidden-waiting']);
    // The asker sees their own question whole, waiting or hidden.
    expect(ids({ userId: 'asker', seesAll: false })).toEqual(['visible', 'waiting', 'hidden', 'hidden-waiting']);
  });
});
