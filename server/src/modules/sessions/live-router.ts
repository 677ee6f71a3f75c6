// The live room's procedures: thin, as every router (parse, limit, call the command or query).
import {
  announceInput,
  answerLiveQuestionInput,
  hideLiveQuestionInput,
  liveApprovalInput,
  liveQuestionRef,
  liveRoomChangesInput,
  liveRoomRef,
  openPollInput,
  pinLiveQuestionInput,
  pollRef,
  publishMinutesInput,
  submitLiveQuestionInput,
  voteLiveQuestionInput,
  votePollInput,
} from '@dialogforum/contracts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { announce, answerPoll, closePoll, openPoll, setQuestionApproval } from './live-host-commands.ts';
import { answerLiveQuestion, approveLiveQuestion, hideLiveQuestion, pinLiveQuestion, submitLiveQuestion, voteLiveQuestion } from './live-question-commands.ts';
import { getLiveRoom, liveRoomChanges } from './live-room-queries.ts';
import { publishMinutes } from './minutes-commands.ts';

const ok = { ok: true as const };

export const liveRoomRouter = router({
  get: publicProcedure.input(liveRoomRef).query(({ ctx, input }) => getLiveRoom(ctx.services.store, ctx.actor, input.sessionId)),
  changes: publicProcedure.input(liveRoomChangesInput).query(({ ctx, input }) => liveRoomChanges(ctx.services.store, ctx.actor, input.sessionId, input.since)),
  ask: confirmedProcedure.input(submitLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'liveQuestionsPerPerson', byUser);
    return { questionId: await submitLiveQuestion(ctx.services, ctx.actor, input.sessionId, input.body) };
  }),
  vote: confirmedProcedure.input(voteLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'liveVotesPerPerson', byUser);
    await voteLiveQuestion(ctx.services, ctx.actor, input.questionId, input.up);
    return ok;
  }),
  approve: confirmedProcedure.input(liveQuestionRef).mutation(async ({ ctx, input }) => {
    await approveLiveQuestion(ctx.services, ctx.actor, input.questionId);
    return ok;
  }),
  hide: confirmedProcedure.input(hideLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await hideLiveQuestion(ctx.services, ctx.actor, input.questionId, input.reason);
    return ok;
  }),
  pin: confirmedProcedure.input(pinLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await pinLiveQuestion(ctx.services, ctx.actor, input.questionId, input.pinned);
    return ok;
  }),
  answer: confirmedProcedure.input(answerLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await answerLiveQuestion(ctx.services, ctx.actor, input.questionId, input.answer);
    return ok;
  }),
  setApproval: confirmedProcedure.input(liveApprovalInput).mutation(async ({ ctx, input }) => {
    await setQuestionApproval(ctx.services, ctx.actor, input.sessionId, input.questionsNeedApproval);
    return ok;
  }),
  announce: confirmedProcedure.input(announceInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { announcementId: await announce(ctx.services, ctx.actor, input.sessionId, input.body) };
  }),
  openPoll: confirmedProcedure.input(openPollInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { pollId: await openPoll(ctx.services, ctx.actor, input) };
  }),
  answerPoll: confirmedProcedure.input(votePollInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'liveVotesPerPerson', byUser);
    await answerPoll(ctx.services, ctx.actor, input.pollId, input.choices);
    return ok;
  }),
  closePoll: confirmedProcedure.input(pollRef).mutation(async ({ ctx, input }) => {
    await closePoll(ctx.services, ctx.actor, input.pollId);
    return ok;
  }),
  publishMinutes: confirmedProcedure.input(publishMinutesInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return publishMinutes(ctx.services, ctx.actor, input.sessionId, input.minutes);
  }),
});
