import { createMeetingRoundInput, dialogueRef, meetingRoundRef, meetingSlotRef, recordMinutesInput } from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { bookSlot, cancelBooking } from './booking-commands.ts';
import { recordMinutes } from './minutes-commands.ts';
import { getRound, listRounds } from './queries.ts';
import { closeRound, openRound } from './round-commands.ts';

const ok = { ok: true as const };

export const meetingsRouter = router({
  rounds: publicProcedure.input(dialogueRef).query(({ ctx, input }) => listRounds(ctx.services.store, ctx.actor, input.dialogueId)),
  round: publicProcedure.input(meetingRoundRef).query(({ ctx, input }) => getRound(ctx.services.store, ctx.services.clock, ctx.actor, input.roundId)),
  openRound: confirmedProcedure.input(createMeetingRoundInput).mutation(async ({ ctx, input }) => ({ roundId: await openRound(ctx.services, ctx.actor, input) })),
  book: confirmedProcedure.input(meetingSlotRef).mutation(async ({ ctx, input }) => {
    await bookSlot(ctx.services, ctx.actor, input.slotId);
    return ok;
  }),
  cancelBooking: confirmedProcedure.input(meetingSlotRef).mutation(async ({ ctx, input }) => {
    await cancelBooking(ctx.services, ctx.actor, input.slotId);
    return ok;
  }),
  recordMinutes: confirmedProcedure.input(recordMinutesInput).mutation(async ({ ctx, input }) => {
    await recordMinutes(ctx.services, ctx.actor, input.slotId, input.minutes);
    return ok;
  }),
  closeRound: confirmedProcedure.input(meetingRoundRef).mutation(async ({ ctx, input }) => {
    await closeRound(ctx.services, ctx.actor, input.roundId);
    return ok;
  }),
});
