import {
  answerPrivatelyInput,
  answerQuestionInput,
  askQuestionInput,
  commentInput,
  correctAnswerInput,
  dialogueRef,
  editPostInput,
  flagPostInput,
  flagRef,
  hidePostInput,
  listThreadsInput,
  lockThreadInput,
  postRef,
  publishThreadInput,
  redactQuestionInput,
  threadChangesInput,
  threadRef,
  voteInput,
} from '@dialogforum/contracts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { confirmedProcedure, signedInProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { correctAnswer, editOwnPost, redactQuestion } from './edit-commands.ts';
import { dismissFlag, flagPost, hidePost, setThreadLock } from './moderation-commands.ts';
import { flagQueue } from './moderation-queries.ts';
import { answerPrivately, answerQuestion, askQuestion, comment, publishThread } from './question-commands.ts';
import { getThread, postHistory, threadChanges, threadInbox } from './queries.ts';
import { listThreads } from './thread-page.ts';
import { vote } from './vote-commands.ts';

const ok = { ok: true as const };

export const threadsRouter = router({
  list: publicProcedure
    .input(listThreadsInput)
    .query(({ ctx, input }) => listThreads(ctx.services.store, ctx.services.viewCaches, ctx.actor, input)),
  get: publicProcedure.input(threadRef).query(({ ctx, input }) => getThread(ctx.services.store, ctx.actor, input.threadId)),
  changes: publicProcedure
    .input(threadChangesInput)
    .query(({ ctx, input }) => threadChanges(ctx.services.store, ctx.actor, input.dialogueId, input.afterChange)),
  inbox: publicProcedure.input(dialogueRef).query(({ ctx, input }) => threadInbox(ctx.services.store, ctx.actor, input.dialogueId)),
  history: publicProcedure.input(postRef).query(({ ctx, input }) => postHistory(ctx.services.store, ctx.actor, input.postId)),

  ask: confirmedProcedure.input(askQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { threadId: await askQuestion(ctx.services, ctx.actor, input) };
  }),
  answer: confirmedProcedure.input(answerQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { postId: await answerQuestion(ctx.services, ctx.actor, input.threadId, input.body, input.attachmentIds) };
  }),
  publish: confirmedProcedure.input(publishThreadInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { postId: await publishThread(ctx.services, ctx.actor, input.threadId, input.answer, input.attachmentIds) };
  }),
  answerPrivately: confirmedProcedure.input(answerPrivatelyInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { postId: await answerPrivately(ctx.services, ctx.actor, input.threadId, input.body, input.reason, input.attachmentIds) };
  }),
  comment: confirmedProcedure.input(commentInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { postId: await comment(ctx.services, ctx.actor, input.threadId, input.body) };
  }),
  edit: confirmedProcedure.input(editPostInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    await editOwnPost(ctx.services, ctx.actor, input.postId, input.body, input.title);
    return ok;
  }),
  redact: confirmedProcedure.input(redactQuestionInput).mutation(async ({ ctx, input }) => {
    await redactQuestion(ctx.services, ctx.actor, input.threadId, input.title, input.body, input.note);
    return ok;
  }),
  correct: confirmedProcedure.input(correctAnswerInput).mutation(async ({ ctx, input }) => {
    await correctAnswer(ctx.services, ctx.actor, input.postId, input.body, input.note);
    return ok;
  }),
  vote: confirmedProcedure.input(voteInput).mutation(async ({ ctx, input }) => {
    await vote(ctx.services, ctx.actor, input.threadId, input.wants);
    return ok;
  }),

  flag: confirmedProcedure.input(flagPostInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    await flagPost(ctx.services, ctx.actor, input.postId, input.reason);
    return ok;
  }),
  flags: signedInProcedure.query(({ ctx }) => flagQueue(ctx.services.store, ctx.actor)),
  hide: signedInProcedure.input(hidePostInput).mutation(async ({ ctx, input }) => {
    await hidePost(ctx.services, ctx.actor, input.postId, input.reason);
    return ok;
  }),
  dismissFlag: signedInProcedure.input(flagRef).mutation(async ({ ctx, input }) => {
    await dismissFlag(ctx.services, ctx.actor, input.flagId);
    return ok;
  }),
  lock: signedInProcedure.input(lockThreadInput).mutation(async ({ ctx, input }) => {
    await setThreadLock(ctx.services, ctx.actor, input.threadId, { reason: input.reason });
    return ok;
  }),
  unlock: signedInProcedure.input(threadRef).mutation(async ({ ctx, input }) => {
    await setThreadLock(ctx.services, ctx.actor, input.threadId, null);
    return ok;
  }),
});
