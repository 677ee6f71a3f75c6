// The sessions' part of a dialogue's archive package (modules/archive-package): every dialogue
// session as scheduled (and cancelled, with the reason), when it went live and ended, how many
// registered and waited and who they were, the minutes the hosts published, and what was said in
// its live room: questions (hidden ones with who hid them and why) with their answers,
// announcements and polls with their results. Dialogforum keeps no roll call: who actually attended
// is not recorded, and the README says so.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { REGISTRATIONS, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';
import { ANNOUNCEMENTS, LIVE_QUESTIONS, POLLS, type AnnouncementDocument, type LiveQuestionDocument, type PollDocument } from './live-documents.ts';

export async function sessionsArchiveRecord(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ dialogueId }, { sort: { startsAt: 1, _id: 1 } });
  const sessionIds = { $in: sessions.map((session) => session._id) };
  const [registrations, questions, announcements, polls] = await Promise.all([
    store.collection<RegistrationDocument>(REGISTRATIONS).find({ sessionId: sessionIds }, { sort: { at: 1, _id: 1 } }),
    store.collection<LiveQuestionDocument>(LIVE_QUESTIONS).find({ sessionId: sessionIds }, { sort: { createdAt: 1, _id: 1 } }),
    store.collection<AnnouncementDocument>(ANNOUNCEMENTS).find({ sessionId: sessionIds }, { sort: { at: 1, _id: 1 } }),
    store.collection<PollDocument>(POLLS).find({ sessionId: sessionIds }, { sort: { createdAt: 1, _id: 1 } }),
  ]);
  const of = <T extends { sessionId: string }>(items: T[], sessionId: string) => items.filter((item) => item.sessionId === sessionId);

  return {
    sessions: sessions.map((session) => ({
      id: session._id,
      title: session.title,
      agenda: session.agenda,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      registrationDeadline: session.registrationDeadline,
      format: session.format,
      meetingLink: session.meetingLink,
      address: session.address,
      capacity: session.capacity,
      status: session.status,
      startedAt: session.startedAt ?? null,
      endedAt: session.endedAt ?? null,
      cancellation: session.cancellation,
      createdBy: session.createdBy,
      createdAt: session.createdAt,
      registeredCount: session.registeredCount,
      waitlistCount: session.waitlistCount,
      /** Registration is recorded; attendance is not (there is no roll call). */
      registrations: of(registrations, session._id).map((registration) => ({
        userId: registration.userId,
        organisationId: registration.organisationId,
        state: registration.state,
        at: registration.at,
      })),
      minutes: session.minutes ?? null,
      liveQuestions: of(questions, session._id).map((question) => ({
        id: question._id,
        askerId: question.askerId,
        askerOrganisationId: question.askerOrganisationId,
        body: question.body,
        status: question.status,
        votes: question.votes,
        answer: question.answer,
        hidden: question.hidden,
        publishedAsThreadId: question.threadId,
        createdAt: question.createdAt,
      })),
      announcements: of(announcements, session._id).map((announcement) => ({ id: announcement._id, body: announcement.body, by: announcement.by, at: announcement.at })),
      polls: of(polls, session._id).map((poll) => ({
        id: poll._id,
        question: poll.question,
        options: poll.options,
        multiple: poll.multiple,
        voters: poll.voters,
        closed: poll.closed,
        by: poll.by,
        createdAt: poll.createdAt,
      })),
    })),
    people: [
      ...sessions.flatMap((session) => [session.createdBy, ...(session.cancellation ? [session.cancellation.by] : []), ...(session.minutes ? [session.minutes.by] : [])]),
      ...registrations.map((registration) => registration.userId),
      ...questions.flatMap((question) => [question.askerId, ...(question.answer ? [question.answer.by] : []), ...(question.hidden ? [question.hidden.by] : [])]),
      ...announcements.map((announcement) => announcement.by),
      ...polls.map((poll) => poll.by),
    ],
    organisations: [
      ...registrations.map((registration) => registration.organisationId),
      ...questions.flatMap((question) => [question.askerOrganisationId, ...(question.answer ? [question.answer.organisationId] : [])]),
    ],
  };
}
