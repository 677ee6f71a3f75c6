// The web app's copy of a live room (client/src/sessions/live-room-copy.ts) applies only what a
// push carries: a question keeps its place when its count changes, a newer copy of a question never
// gives way to an older one, nothing arrives twice, and a catch-up from 0 replaces everything.
import { describe, expect, it } from 'vitest';
import type { LiveQuestionView, LiveRoomChanges, LiveRoomView } from '@dialogforum/contracts';
import { LiveRoomCopy } from '../../../client/src/sessions/live-room-copy.ts';

function question(id: string, change: number, votes = 0): LiveQuestionView {
  return {
    id,
    sessionId: 's1',
    status: 'visible',
    pinned: false,
    hidden: null,
    threadId: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    change,
    body: `Fråga ${id}`,
    author: { kind: 'pseudonym', label: 'Leverantör A' },
    votes,
    answer: null,
  };
}

function changes(from: number, to: number, questions: LiveQuestionView[], more: Partial<LiveRoomChanges> = {}): LiveRoomChanges {
  return { sessionId: 's1', from, to, questions, votes: [], announcements: [], polls: [], questionsNeedApproval: false, status: 'live', minutes: null, ...more };
}

function room(questions: LiveQuestionView[], to: number): LiveRoomView {
  return {
    ...changes(0, to, questions),
    title: 'Dialogmöte',
    dialogueId: 'd1',
    dialogueTitle: 'Dialog',
    viewer: { isHost: false, mayTakePart: true, votedQuestionIds: [], pollChoices: {} },
  };
}

const noCatchUp = { changes: () => Promise.reject(new Error('no catch-up expected')) };

describe('the live room copy', () => {
  it('replaces a question in its place, keeps the newer copy, and announces only new visible questions', () => {
    const copy = new LiveRoomCopy(noCatchUp, room([question('a', 1), question('b', 2)], 2));
    copy.receive(changes(2, 4, [question('a', 3, 1), question('c', 4)]));
    expect(copy.getSnapshot().questions.map((q) => [q.id, q.votes])).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 0],
    ]);
    expect(copy.getSnapshot().arrived.map((q) => q.id)).toEqual(['c']);

    // A push with an older copy of a question (its change is lower) leaves the newer one.
    copy.receive(changes(4, 5, [question('a', 2, 0), question('b', 5, 7)]));
    expect(copy.getSnapshot().questions.map((q) => [q.id, q.votes])).toEqual([
      ['a', 1],
      ['b', 7],
      ['c', 0],
    ]);
    expect(copy.getSnapshot().arrived).toEqual([]);

    // The same push again changes nothing.
    const before = copy.getSnapshot();
    copy.receive(changes(4, 5, [question('b', 5, 7)]));
    expect(copy.getSnapshot()).toBe(before);
  });

  it('keeps the earlier snapshot unchanged (a new list per push) and leaves untouched polls and announcements as they were', () => {
    const copy = new LiveRoomCopy(noCatchUp, room([question('a', 1)], 1));
    const first = copy.getSnapshot();
    copy.receive(changes(1, 2, [question('a', 2, 3)]));
    expect(first.questions[0]!.votes).toBe(0);
    expect(copy.getSnapshot().questions).not.toBe(first.questions);
    expect(copy.getSnapshot().polls).toBe(first.polls);
    expect(copy.getSnapshot().announcements).toBe(first.announcements);

    copy.receive(changes(2, 3, [], { announcements: [{ id: 'n1', sessionId: 's1', body: 'Paus', at: '2026-11-26T10:05:00.000Z', change: 3 }] }));
    expect(copy.getSnapshot().announcements.map((a) => a.id)).toEqual(['n1']);
  });

  it('asks for what it missed after a gap, and a catch-up from 0 replaces the whole room', async () => {
    const asked: number[] = [];
    const copy = new LiveRoomCopy(
      {
        changes: async ({ since }) => {
          asked.push(since);
          return changes(0, 9, [question('x', 8), question('a', 9, 2)]);
        },
      },
      room([question('a', 1), question('b', 2)], 2),
    );
    copy.receive(changes(5, 6, [question('z', 6)]));
    await copy.catchUp();
    expect(asked).toEqual([2]);
    expect(copy.getSnapshot().seq).toBe(9);
    expect(copy.getSnapshot().questions.map((q) => [q.id, q.votes])).toEqual([
      ['x', 0],
      ['a', 2],
    ]);
    // Positions were rebuilt with the room: a later push finds 'a' where it now is.
    copy.receive(changes(9, 10, [question('a', 10, 3)]));
    expect(copy.getSnapshot().questions.map((q) => [q.id, q.votes])).toEqual([
      ['x', 0],
      ['a', 3],
    ]);
  });

  it('applies a count to the question it holds, in its place and keeping the rest of it, and never an older count over a newer one', () => {
    const copy = new LiveRoomCopy(noCatchUp, room([question('a', 1), question('b', 2)], 2));
    copy.receive(changes(2, 4, [], { votes: [{ questionId: 'a', votes: 2, change: 4 }] }));
    expect(copy.getSnapshot().seq).toBe(4);
    expect(copy.getSnapshot().questions[0]).toEqual({ ...question('a', 4, 2) });
    expect(copy.getSnapshot().arrived).toEqual([]);
    // A whole view and a count in one push: each applies by its own change number.
    copy.receive(changes(4, 6, [question('c', 5)], { votes: [{ questionId: 'b', votes: 1, change: 6 }, { questionId: 'a', votes: 1, change: 3 }] }));
    expect(copy.getSnapshot().questions.map((q) => [q.id, q.votes, q.change])).toEqual([
      ['a', 2, 4],
      ['b', 1, 6],
      ['c', 0, 5],
    ]);
  });

  it('asks for what it missed when a count names a question it does not hold, and does not apply that push', async () => {
    const asked: number[] = [];
    const copy = new LiveRoomCopy(
      {
        changes: async ({ since }) => {
          asked.push(since);
          // A catch-up brings whole views; a stray count in it has nothing to apply to and is passed over.
          return changes(since, 5, [question('z', 5, 3)], { votes: [{ questionId: 'nowhere', votes: 9, change: 5 }] });
        },
      },
      room([question('a', 1)], 2),
    );
    copy.receive(changes(2, 3, [], { votes: [{ questionId: 'z', votes: 3, change: 3 }] }));
    expect(copy.getSnapshot().seq).toBe(2);
    await copy.catchUp();
    expect(asked).toEqual([2]);
    expect(copy.getSnapshot().seq).toBe(5);
    expect(copy.getSnapshot().questions.map((q) => [q.id, q.votes])).toEqual([
      ['a', 0],
      ['z', 3],
    ]);
  });

  it('keeps everything else of a question a count applies to (its answer, pin and hiding), and the room settings a push brings', () => {
    const answered: LiveQuestionView = { ...question('a', 1, 4), pinned: true, answer: { at: '2026-11-26T10:10:00.000Z', text: 'Vi återkommer.' } };
    const hidden: LiveQuestionView = { ...question('b', 2, 1), status: 'hidden', body: null, hidden: { at: '2026-11-26T10:11:00.000Z', reason: 'Dubblett' } };
    const copy = new LiveRoomCopy(noCatchUp, room([answered, hidden], 2));
    const roomBefore = copy.getSnapshot().room;
    copy.receive(changes(2, 4, [], { votes: [{ questionId: 'a', votes: 5, change: 3 }, { questionId: 'b', votes: 2, change: 4 }] }));
    expect(copy.getSnapshot().questions).toEqual([
      { ...answered, votes: 5, change: 3 },
      { ...hidden, votes: 2, change: 4 },
    ]);
    // Settings as they were: the room is the same (nothing that reads it has to look again).
    expect(copy.getSnapshot().room).toBe(roomBefore);

    // Each setting alone reaches the room.
    copy.receive(changes(4, 5, [], { questionsNeedApproval: true }));
    expect(copy.getSnapshot().room).toMatchObject({ status: 'live', questionsNeedApproval: true, minutes: null });
    copy.receive(changes(5, 6, [], { questionsNeedApproval: true, status: 'ended' }));
    expect(copy.getSnapshot().room).toMatchObject({ status: 'ended', questionsNeedApproval: true, minutes: null });
    const minutes = { text: 'Protokoll från mötet.', at: '2026-11-26T12:00:00.000Z' };
    copy.receive(changes(6, 7, [], { questionsNeedApproval: true, status: 'ended', minutes }));
    expect(copy.getSnapshot().room.minutes).toEqual(minutes);
    copy.receive(changes(7, 8, [], { questionsNeedApproval: true, status: 'ended', minutes: { ...minutes, text: 'Rättat protokoll.' } }));
    expect(copy.getSnapshot().room.minutes?.text).toBe('Rättat protokoll.');
    copy.receive(changes(8, 9, [], { questionsNeedApproval: true, status: 'ended', minutes: { text: 'Rättat protokoll.', at: '2026-11-26T13:00:00.000Z' } }));
    expect(copy.getSnapshot().room.minutes?.at).toBe('2026-11-26T13:00:00.000Z');
  });
});
