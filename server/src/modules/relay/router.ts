import {
  createRelayProjectInput,
  editRelayPostInput,
  hideRelayPostInput,
  linkRelayMeetingInput,
  myRelayProjectsInput,
  publishHandoverInput,
  relayChainsInput,
  relayPostInput,
  relayProjectInput,
  reviseHandoverInput,
  setRelayContactInput,
  takeBatonInput,
  withdrawHandoverInput,
} from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { createRelayProject, linkRelayMeeting, publishHandover, reviseHandover, takeBaton, withdrawHandover } from './commands.ts';
import { setRelayContact } from './contact-commands.ts';
import { getRelayProject, myRelayProjects, relayChains } from './queries.ts';
import { editRelayPost, hideRelayPost, postInRelayThread } from './thread-commands.ts';

const counted = (ctx: RequestContext) => checkRateLimit(ctx, 'relayWritesPerPerson', byUser);
const ok = { ok: true as const };

export const relayRouter = router({
  chains: publicProcedure.input(relayChainsInput).query(({ ctx, input }) => relayChains(ctx.services.store, ctx.actor, input.arenaId)),
  get: publicProcedure.input(relayProjectInput).query(({ ctx, input }) => getRelayProject(ctx.services.store, ctx.actor, input.projectId, input.version)),
  mine: publicProcedure.input(myRelayProjectsInput).query(({ ctx, input }) => myRelayProjects(ctx.services.store, ctx.actor, input.dialogueId)),
  create: confirmedProcedure.input(createRelayProjectInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { projectId: await createRelayProject(ctx.services, ctx.actor, input) };
  }),
  publishHandover: confirmedProcedure.input(publishHandoverInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await publishHandover(ctx.services, ctx.actor, input);
    return ok;
  }),
  reviseHandover: confirmedProcedure.input(reviseHandoverInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { version: await reviseHandover(ctx.services, ctx.actor, input) };
  }),
  withdrawHandover: confirmedProcedure.input(withdrawHandoverInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await withdrawHandover(ctx.services, ctx.actor, input.projectId, input.reason);
    return ok;
  }),
  takeBaton: confirmedProcedure.input(takeBatonInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await takeBaton(ctx.services, ctx.actor, input.projectId, input.fromProjectIds);
    return ok;
  }),
  linkMeeting: confirmedProcedure.input(linkRelayMeetingInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await linkRelayMeeting(ctx.services, ctx.actor, input.projectId, input.sessionId);
    return ok;
  }),
  setContact: confirmedProcedure.input(setRelayContactInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await setRelayContact(ctx.services, ctx.actor, input);
    return ok;
  }),
  post: confirmedProcedure.input(relayPostInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { postId: await postInRelayThread(ctx.services, ctx.actor, input) };
  }),
  editPost: confirmedProcedure.input(editRelayPostInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await editRelayPost(ctx.services, ctx.actor, input.postId, input.body, input.note);
    return ok;
  }),
  hidePost: confirmedProcedure.input(hideRelayPostInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await hideRelayPost(ctx.services, ctx.actor, input.postId, input.reason);
    return ok;
  }),
});
