// Reading a session's live room: the whole room when a page opens it, and what changed in a range
// of room change numbers — what a reconnecting client missed, and what a live push carries. Both
// read the room's counter first and then the items up to it, so an item changed meanwhile comes in
// a later range rather than being lost between two.
import type { LiveRoomChanges, LiveRoomView } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayModerateLiveRoom, mayTakePartInLiveRoom } from '../../platform/policy/live-room-policy.ts';
import { audienceOf } from '../../platform/policy/viewer.ts';
import { AppError } from '../../platform/app-error.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import {
  ANNOUNCEMENTS,
  LIVE_QUESTIONS,
  LIVE_VOTES,
  POLL_BALLOTS,
  POLLS,
  type AnnouncementDocument,
  type LiveQuestionDocument,
  type LiveVoteDocument,
  type PollBallotDocument,
  type PollDocument,
} from './live-documents.ts';
import { announcementView, buildLiveQuestionViews, liveVoteCounts, pollView, type LiveViewer } from './live-room-views.ts';
import { visibleSession } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/**
 * Everything in the room whose change number is in (from, to], for the viewer. The questions named
 * in `countsOnly` changed only by votes in that range (the caller knows from the events): they go
 * as counts rather than whole views.
 */
export async function roomChangesBetween(
  store: Readable,
  viewer: LiveViewer,
  session: SessionDocument,
  from: number,
  to: number,
  countsOnly: ReadonlySet<string> = new Set(),
): Promise<LiveRoomChanges> {
  const filter = { sessionId: session._id, change: { $gt: from, $lte: to } };
  const [questions, announcements, polls] = await Promise.all([
    store.collection<LiveQuestionDocument>(LIVE_QUESTIONS).find(filter, { sort: { change: 1 } }),
    store.collection<AnnouncementDocument>(ANNOUNCEMENTS).find(filter, { sort: { change: 1 } }),
    store.collection<PollDocument>(POLLS).find(filter, { sort: { change: 1 } }),
  ]);
  return {
    sessionId: session._id,
    from,
    to,
    questions: await buildLiveQuestionViews(store, viewer, questions.filter((question) => !countsOnly.has(question._id))),
    votes: liveVoteCounts(viewer, questions.filter((question) => countsOnly.has(question._id))),
    announcements: announcements.map(announcementView),
    polls: polls.map(pollView),
    questionsNeedApproval: session.questionsNeedApproval,
    status: session.status,
    minutes: session.minutes ? { text: session.minutes.text, at: session.minutes.at } : null,
  };
}

/** The session as it is now, with its room's change counter. */
export async function currentSession(store: Readable, sessionId: string): Promise<SessionDocument | null> {
  return store.collection<SessionDocument>(SESSIONS).findOne({ _id: sessionId });
}

async function watchedRoom(store: Readable, actor: Actor | null, sessionId: string) {
  const { session, dialogue } = await visibleSession(store, actor, sessionId);
  // A cancelled session has no room: it answers as a missing one.
  if (session.status === 'cancelled') throw new AppError('NOT_FOUND', 'No such session');
  const viewer: LiveViewer = { userId: actor?.userId ?? null, seesAll: audienceOf(actor, dialogue) === 'buyers' };
  return { session, dialogue, viewer };
}

export async function getLiveRoom(store: Readable, actor: Actor | null, sessionId: string): Promise<LiveRoomView> {
  const { session, dialogue, viewer } = await watchedRoom(store, actor, sessionId);
  const changes = await roomChangesBetween(store, viewer, session, 0, session.roomChange ?? 0);
  const [votes, ballots] = actor
    ? await Promise.all([
        store.collection<LiveVoteDocument>(LIVE_VOTES).find({ sessionId, userId: actor.userId }),
        store.collection<PollBallotDocument>(POLL_BALLOTS).find({ sessionId, userId: actor.userId }),
      ])
    : [[], []];
  return {
    ...changes,
    title: session.title,
    dialogueId: dialogue._id,
    dialogueTitle: dialogue.title,
    viewer: {
      isHost: mayModerateLiveRoom(actor, dialogue),
      mayTakePart: mayTakePartInLiveRoom(actor, dialogue),
      votedQuestionIds: votes.map((vote) => vote.questionId),
      pollChoices: Object.fromEntries(ballots.map((ballot) => [ballot.pollId, ballot.choices])),
    },
  };
}

/**
 * What changed after `since`, up to the room's counter now. A `since` beyond the counter (a client
 * that knew a room before the store was restored) gets the whole room from 0.
 */
export async function liveRoomChanges(store: Readable, actor: Actor | null, sessionId: string, since: number): Promise<LiveRoomChanges> {
  const { session, viewer } = await watchedRoom(store, actor, sessionId);
  const to = session.roomChange ?? 0;
  return roomChangesBetween(store, viewer, session, since > to ? 0 : since, to);
}
