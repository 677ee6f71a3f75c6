import {
  capabilityProfileInput,
  chooseConsortiumVisibilityInput,
  confirmConsortiumInput,
  consortiaArenaInput,
  consortiumRef,
  declareInterestInput,
  editOpportunityInput,
  findProfilesInput,
  formConsortiumInput,
  inviteToConsortiumInput,
  leaveConsortiumInput,
  openDialogueOpportunityInput,
  opportunityRef,
  publishOpportunityInput,
  removeFromConsortiumInput,
  saveCapabilityProfileInput,
  withdrawOpportunityInput,
} from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { declareInterest, openDialogueOpportunity, publishOpportunity, saveCapabilityProfile } from './commands.ts';
import { answerInvitation, chooseConsortiumVisibility, formConsortium, inviteToConsortium, leaveConsortium, removeFromConsortium } from './consortium-commands.ts';
import { editOpportunity, withdrawOpportunity } from './opportunity-commands.ts';
import { consortiaOfArena, findProfiles, getCapabilityProfile, getConsortium, getOpportunity, myConsortia } from './queries.ts';

const counted = (ctx: RequestContext) => checkRateLimit(ctx, 'consortiaWritesPerPerson', byUser);
const ok = { ok: true as const };

export const consortiaRouter = router({
  profile: publicProcedure.input(capabilityProfileInput).query(({ ctx, input }) => getCapabilityProfile(ctx.services.store, ctx.actor, input.organisationId, input.version)),
  profiles: publicProcedure.input(findProfilesInput).query(({ ctx, input }) => findProfiles(ctx.services.store, ctx.actor, input)),
  opportunity: publicProcedure.input(opportunityRef).query(({ ctx, input }) => getOpportunity(ctx.services.store, ctx.actor, input.opportunityId)),
  consortium: publicProcedure.input(consortiumRef).query(({ ctx, input }) => getConsortium(ctx.services.store, ctx.actor, input.consortiumId)),
  arena: publicProcedure.input(consortiaArenaInput).query(({ ctx, input }) => consortiaOfArena(ctx.services.store, ctx.actor, input.arenaId)),
  mine: publicProcedure.query(({ ctx }) => myConsortia(ctx.services.store, ctx.actor)),
  saveProfile: confirmedProcedure.input(saveCapabilityProfileInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { version: await saveCapabilityProfile(ctx.services, ctx.actor, input) };
  }),
  publishOpportunity: confirmedProcedure.input(publishOpportunityInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { opportunityId: await publishOpportunity(ctx.services, ctx.actor, input) };
  }),
  editOpportunity: confirmedProcedure.input(editOpportunityInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { version: await editOpportunity(ctx.services, ctx.actor, input) };
  }),
  withdrawOpportunity: confirmedProcedure.input(withdrawOpportunityInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await withdrawOpportunity(ctx.services, ctx.actor, input.opportunityId, input.reason);
    return ok;
  }),
  openForDialogue: confirmedProcedure.input(openDialogueOpportunityInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { opportunityId: await openDialogueOpportunity(ctx.services, ctx.actor, input.dialogueId) };
  }),
  declareInterest: confirmedProcedure.input(declareInterestInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await declareInterest(ctx.services, ctx.actor, input.opportunityId, input.interested, input.note);
    return ok;
  }),
  form: confirmedProcedure.input(formConsortiumInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    return { consortiumId: await formConsortium(ctx.services, ctx.actor, input) };
  }),
  invite: confirmedProcedure.input(inviteToConsortiumInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await inviteToConsortium(ctx.services, ctx.actor, input.consortiumId, input.organisationIds);
    return ok;
  }),
  confirm: confirmedProcedure.input(confirmConsortiumInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await answerInvitation(ctx.services, ctx.actor, input.consortiumId, { confirm: true, visibility: input.visibility });
    return ok;
  }),
  decline: confirmedProcedure.input(consortiumRef).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await answerInvitation(ctx.services, ctx.actor, input.consortiumId, { confirm: false });
    return ok;
  }),
  leave: confirmedProcedure.input(leaveConsortiumInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await leaveConsortium(ctx.services, ctx.actor, input.consortiumId, input.reason);
    return ok;
  }),
  remove: confirmedProcedure.input(removeFromConsortiumInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await removeFromConsortium(ctx.services, ctx.actor, input.consortiumId, input.organisationId, input.reason);
    return ok;
  }),
  chooseVisibility: confirmedProcedure.input(chooseConsortiumVisibilityInput).mutation(async ({ ctx, input }) => {
    await counted(ctx);
    await chooseConsortiumVisibility(ctx.services, ctx.actor, input.consortiumId, input.visibility);
    return ok;
  }),
});
