// The dialogue sessions a person registered for or waits for, and what they did in their live
// rooms, for their own data export. A
// registration stays after an erasure (who took part is part of the procurement's record), under the
// erased account's "Removed user" name like their posts.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { REGISTRATIONS, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';
import { LIVE_QUESTIONS, LIVE_VOTES, POLL_BALLOTS, type LiveQuestionDocument, type LiveVoteDocument, type PollBallotDocument } from './live-documents.ts';

export async function sessionsPersonalData(store: DocumentStore, userId: string) {
  const [registrations, questions, votes, ballots] = await Promise.all([
    store.collection<RegistrationDocument>(REGISTRATIONS).find({ userId }, { sort: { at: 1 } }),
    store.collection<LiveQuestionDocument>(LIVE_QUESTIONS).find({ askerId: userId }, { sort: { createdAt: 1 } }),
    store.collection<LiveVoteDocument>(LIVE_VOTES).find({ userId }),
    store.collection<PollBallotDocument>(POLL_BALLOTS).find({ userId }),
  ]);
  const ids = [...new Set([...registrations, ...questions, ...votes, ...ballots].map((item) => item.sessionId))];
  const sessions = ids.length ? await store.collection<SessionDocument>(SESSIONS).find({ _id: { $in: ids } }) : [];
  const sessionOf = new Map(sessions.map((session) => [session._id, session]));
  return {
    sessionRegistrations: registrations.map((registration) => ({
      session: sessionOf.get(registration.sessionId)?.title ?? registration.sessionId,
      startsAt: sessionOf.get(registration.sessionId)?.startsAt ?? null,
      state: registration.state,
      at: registration.at,
    })),
    // What they did in sessions' live rooms: their questions, upvotes and poll answers.
    liveQuestions: questions.map((question) => ({
      session: sessionOf.get(question.sessionId)?.title ?? question.sessionId,
      question: question.body,
      status: question.status,
      at: question.createdAt,
    })),
    liveVotes: votes.map((vote) => ({ session: sessionOf.get(vote.sessionId)?.title ?? vote.sessionId, questionId: vote.questionId, at: vote.at })),
    livePollAnswers: ballots.map((ballot) => ({ session: sessionOf.get(ballot.sessionId)?.title ?? ballot.sessionId, pollId: ballot.pollId, choices: ballot.choices, at: ballot.at })),
  };
}
