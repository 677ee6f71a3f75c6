import {
  answerNetworkInvitationInput,
  cancelNetworkSessionInput,
  editNetworkSessionInput,
  createNetworkInput,
  decideNetworkRequestInput,
  dissolveNetworkInput,
  editNetworkPostInput,
  hideNetworkPostInput,
  inviteToNetworkInput,
  leaveNetworkInput,
  linkNetworkDialogueInput,
  networkDiscussionRef,
  networkItemRef,
  networkPostInput,
  networkRef,
  networkSessionRef,
  scheduleNetworkSessionInput,
  networksInArenaInput,
  publishNetworkItemInput,
  removeFromNetworkInput,
  reviseNetworkItemInput,
  startNetworkDiscussionInput,
} from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import {
  answerNetworkInvitation,
  createNetwork,
  decideNetworkRequest,
  dissolveNetwork,
  inviteToNetwork,
  leaveNetwork,
  linkNetworkDialogue,
  removeFromNetwork,
  requestToJoinNetwork,
} from './commands.ts';
import { editNetworkPost, hideNetworkPost, postInNetworkDiscussion, startNetworkDiscussion } from './discussion-commands.ts';
import { editNetworkSession } from './network-session-edit.ts';
import { getNetworkItem, publishNetworkItem, reviseNetworkItem } from './library.ts';
import { cancelNetworkSession, getNetworkSession, registerForNetworkSession, scheduleNetworkSession, unregisterFromNetworkSession } from './network-sessions.ts';
import { getNetwork, getNetworkDiscussion, myNetworks, networksInArena } from './queries.ts';

const counted = (ctx: RequestContext) => checkRateLimit(ctx, 'networkWritesPerPerson', byUser);
const ok = { ok: true as const };

export const networksRouter = router({
  inArena: publicProcedure.input(networksInArenaInput).query(({ ctx, input }) => networksInArena(ctx.services.store, ctx.actor, input.arenaId)),
  mine: publicProcedure.query(({ ctx }) => myNetworks(ctx.services.store, ctx.actor)),
  get: publicProcedure.input(networkRef).query(({ ctx, input }) => getNetwork(ctx.services.store, ctx.actor, input.networkId, ctx.services.clock.now())),
  session: publicProcedure.input(networkSessionRef).query(({ ctx, input }) => getNetworkSession(ctx.services.store, ctx.services.clock, ctx.actor, input.sessionId)),
  libraryItem: publicProcedure.input(networkItemRef).query(({ ctx, input }) => getNetworkItem(ctx.services.store, ctx.actor, input.itemId)),
  discussion: publicProcedure.input(networkDiscussionRef).query(({ ctx, input }) => getNetworkDiscussion(ctx.services.store, ctx.actor, input.discussionId)),
  create: confirmedProcedure.input(createNetworkInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { networkId: await createNetwork(ctx.services, ctx.actor, input) };
  }),
  requestToJoin: confirmedProcedure.input(networkRef).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await requestToJoinNetwork(ctx.services, ctx.actor, input.networkId);
    return ok;
  }),
  decideRequest: confirmedProcedure.input(decideNetworkRequestInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await decideNetworkRequest(ctx.services, ctx.actor, input.networkId, input.organisationId, input.accept);
    return ok;
  }),
  invite: confirmedProcedure.input(inviteToNetworkInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await inviteToNetwork(ctx.services, ctx.actor, input.networkId, input.organisationId);
    return ok;
  }),
  answerInvitation: confirmedProcedure.input(answerNetworkInvitationInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await answerNetworkInvitation(ctx.services, ctx.actor, input.networkId, input.accept);
    return ok;
  }),
  leave: confirmedProcedure.input(leaveNetworkInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await leaveNetwork(ctx.services, ctx.actor, input.networkId, input.reason);
    return ok;
  }),
  remove: confirmedProcedure.input(removeFromNetworkInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await removeFromNetwork(ctx.services, ctx.actor, input.networkId, input.organisationId, input.reason);
    return ok;
  }),
  dissolve: confirmedProcedure.input(dissolveNetworkInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await dissolveNetwork(ctx.services, ctx.actor, input.networkId, input.reason);
    return ok;
  }),
  linkDialogue: confirmedProcedure.input(linkNetworkDialogueInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await linkNetworkDialogue(ctx.services, ctx.actor, input.networkId, input.dialogueId);
    return ok;
  }),
  startDiscussion: confirmedProcedure.input(startNetworkDiscussionInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { discussionId: await startNetworkDiscussion(ctx.services, ctx.actor, input.networkId, input.title, input.body) };
  }),
  post: confirmedProcedure.input(networkPostInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { postId: await postInNetworkDiscussion(ctx.services, ctx.actor, input.discussionId, input.body) };
  }),
  editPost: confirmedProcedure.input(editNetworkPostInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await editNetworkPost(ctx.services, ctx.actor, input.postId, input.body);
    return ok;
  }),
  hidePost: confirmedProcedure.input(hideNetworkPostInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await hideNetworkPost(ctx.services, ctx.actor, input.postId, input.reason);
    return ok;
  }),
  publishItem: confirmedProcedure.input(publishNetworkItemInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { itemId: await publishNetworkItem(ctx.services, ctx.actor, input.networkId, input.title, input.body) };
  }),
  reviseItem: confirmedProcedure.input(reviseNetworkItemInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { version: await reviseNetworkItem(ctx.services, ctx.actor, input.itemId, input.title, input.body, input.note) };
  }),
  scheduleSession: confirmedProcedure.input(scheduleNetworkSessionInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { sessionId: await scheduleNetworkSession(ctx.services, ctx.actor, input) };
  }),
  registerForSession: confirmedProcedure.input(networkSessionRef).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await registerForNetworkSession(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
  unregisterFromSession: confirmedProcedure.input(networkSessionRef).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await unregisterFromNetworkSession(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
  cancelSession: confirmedProcedure.input(cancelNetworkSessionInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await cancelNetworkSession(ctx.services, ctx.actor, input.sessionId, input.reason);
    return ok;
  }),
  editSession: confirmedProcedure.input(editNetworkSessionInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await editNetworkSession(ctx.services, ctx.actor, input);
    return ok;
  }),
});
