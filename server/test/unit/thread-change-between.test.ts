// What the dialogue page tells a screen-reader user about a thread the catch-up brought after the
// page was away from the room (client/src/threads/change-between.ts): read from the difference between
// the copy the page had and the thread as it is now, the same kinds a push would have named.
import { describe, expect, it } from 'vitest';
import type { PostView, ThreadView } from '@dialogforum/contracts';
import { changeBetween } from '../../../client/src/threads/change-between.ts';

function post(id: string, kind: PostView['kind'], more: Partial<PostView> = {}): PostView {
  return {
    id,
    threadId: 't1',
    kind,
    body: `Text ${id}`,
    official: kind === 'answer',
    private: false,
    author: { kind: 'pseudonym', label: 'A' },
    createdAt: '2026-11-26T10:00:00.000Z',
    editedAt: null,
    corrected: false,
    versionCount: 1,
    hidden: null,
    attachments: [],
    ...more,
  };
}

function thread(change: number, more: Partial<ThreadView> = {}): ThreadView {
  return {
    id: 't1',
    dialogueId: 'd1',
    title: 'Fungerar de i kyla?',
    status: 'published',
    confidential: false,
    question: post('q', 'question'),
    answers: [],
    comments: [],
    answered: false,
    voteCount: 0,
    locked: null,
    privateAnswerReason: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    publishedAt: '2026-11-26T10:00:00.000Z',
    change,
    ...more,
  };
}

const answer = post('a', 'answer');

describe('the news in a thread the catch-up brought', () => {
  it('names a thread new to the page by how it came: asked in the open, published with its answer, or waiting in the inbox', () => {
    expect(changeBetween(undefined, thread(2))).toBe('asked');
    expect(changeBetween(undefined, thread(2, { answers: [answer], answered: true }))).toBe('published');
    expect(changeBetween(undefined, thread(2, { status: 'pending', publishedAt: null }))).toBe('submitted');
    expect(changeBetween(undefined, thread(2, { status: 'answered-privately', publishedAt: null }))).toBe('answered-privately');
  });

  it('names a known thread’s change: published from the inbox, answered, corrected, commented', () => {
    expect(changeBetween(thread(1, { status: 'pending' }), thread(2, { answers: [answer] }))).toBe('published');
    expect(changeBetween(thread(1), thread(2, { answers: [answer], answered: true }))).toBe('answered');
    expect(changeBetween(thread(1, { answers: [answer] }), thread(2, { answers: [{ ...answer, versionCount: 2, corrected: true }] }))).toBe('corrected');
    expect(changeBetween(thread(1), thread(2, { comments: [post('c', 'comment', { official: false })] }))).toBe('commented');
  });

  it('keeps quiet about what a push would not interrupt for: votes, hides, locks, and an answer to someone else alone', () => {
    expect(changeBetween(thread(1), thread(2, { voteCount: 3 }))).toBeNull();
    expect(changeBetween(thread(1), thread(2, { locked: { at: '2026-11-26T11:00:00.000Z', reason: 'Besvarad.' } }))).toBeNull();
    expect(changeBetween(thread(1, { comments: [post('c', 'comment', { official: false })] }), thread(2, { comments: [post('c', 'comment', { official: false, body: null })] }))).toBeNull();
    expect(changeBetween(thread(1), thread(2, { answers: [{ ...answer, private: true }] }))).toBeNull();
  });
});
