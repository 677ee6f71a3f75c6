import {
  acceptInvitationForInput,
  accountTokenSchema,
  createOrganisationInput,
  decideJoinRequestInput,
  findOrganisationsInput,
  inviteMemberInput,
  memberRef,
  mergeOrganisationsInput,
  organisationRef,
  rejectVerificationInput,
  setMemberRoleInput,
  updateOrganisationInput,
} from '@dialogforum/contracts';
import { z } from 'zod';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import {
  acceptInvitation,
  acceptInvitationFor,
  actFor,
  createOrganisation,
  decideJoinRequest,
  inviteMember,
  removeMember,
  requestToJoin,
  setMemberRole,
  updateOrganisation,
  type OrganisationDeps,
} from './commands.ts';
import { mergeOrganisations } from './merge-command.ts';
import { rejectVerification, requestVerification, verifyOrganisation } from './verification-commands.ts';
import { findOrganisations, getOrganisation, invitationsForMe, myOrganisations, verificationQueue } from './queries.ts';

function deps(ctx: RequestContext): OrganisationDeps {
  const { store, clock, config, onCommit } = ctx.services;
  return { store, clock, publicUrl: config.publicUrl, onCommit };
}

const ok = { ok: true as const };

export const organisationsRouter = router({
  get: publicProcedure.input(organisationRef).query(({ ctx, input }) => getOrganisation(ctx.services.store, ctx.actor, input.organisationId)),
  mine: publicProcedure.query(({ ctx }) => myOrganisations(ctx.services.store, ctx.actor)),
  find: publicProcedure.input(findOrganisationsInput).query(({ ctx, input }) => findOrganisations(ctx.services.store, input.q)),
  verificationQueue: publicProcedure.query(({ ctx }) => verificationQueue(ctx.services.store, ctx.actor)),
  create: publicProcedure.input(createOrganisationInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    return { organisationId: await createOrganisation(deps(ctx), ctx.actor, input) };
  }),
  requestToJoin: publicProcedure.input(organisationRef).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    await requestToJoin(deps(ctx), ctx.actor, input.organisationId);
    return ok;
  }),
  decideJoinRequest: publicProcedure.input(decideJoinRequestInput).mutation(async ({ ctx, input }) => {
    await decideJoinRequest(deps(ctx), ctx.actor, input.requestId, input.approve);
    return ok;
  }),
  invite: publicProcedure.input(inviteMemberInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'accountMailPerUser', byUser);
    await inviteMember(deps(ctx), ctx.actor, input.organisationId, input.email);
    return ok;
  }),
  invitationsForMe: confirmedProcedure.query(({ ctx }) => invitationsForMe(ctx.services.store, ctx.services.clock.now(), ctx.actor)),
  acceptInvitationFor: publicProcedure.input(acceptInvitationForInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'tokenRedemptionPerAddress', byUser);
    return { organisationId: await acceptInvitationFor(deps(ctx), ctx.actor, input.invitationId) };
  }),
  acceptInvitation: publicProcedure.input(z.strictObject({ token: accountTokenSchema })).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'tokenRedemptionPerAddress', byUser);
    return { organisationId: await acceptInvitation(deps(ctx), ctx.actor, input.token) };
  }),
  setMemberRole: publicProcedure.input(setMemberRoleInput).mutation(async ({ ctx, input }) => {
    await setMemberRole(deps(ctx), ctx.actor, input.organisationId, input.userId, input.role);
    return ok;
  }),
  removeMember: publicProcedure.input(memberRef).mutation(async ({ ctx, input }) => {
    await removeMember(deps(ctx), ctx.actor, input.organisationId, input.userId);
    return ok;
  }),
  actFor: publicProcedure.input(organisationRef).mutation(async ({ ctx, input }) => {
    await actFor(deps(ctx), ctx.actor, input.organisationId);
    return ok;
  }),
  verify: publicProcedure.input(organisationRef).mutation(async ({ ctx, input }) => {
    await verifyOrganisation(deps(ctx), ctx.actor, input.organisationId);
    return ok;
  }),
  update: confirmedProcedure.input(updateOrganisationInput).mutation(async ({ ctx, input }) => {
    await updateOrganisation(deps(ctx), ctx.actor, input);
    return ok;
  }),
  requestVerification: confirmedProcedure.input(organisationRef).mutation(async ({ ctx, input }) => {
    await requestVerification(deps(ctx), ctx.actor, input.organisationId);
    return ok;
  }),
  rejectVerification: publicProcedure.input(rejectVerificationInput).mutation(async ({ ctx, input }) => {
    await rejectVerification(deps(ctx), ctx.actor, input.organisationId, input.reason);
    return ok;
  }),
  merge: confirmedProcedure.input(mergeOrganisationsInput).mutation(async ({ ctx, input }) => {
    await mergeOrganisations(deps(ctx), ctx.actor, input.organisationId, input.intoOrganisationId);
    return ok;
  }),
});
