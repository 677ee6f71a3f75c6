import { addDialogueOwnerInput, createDialogueInput, dialogueRef, listDialoguesInput, setQaModeInput, setQuestionDeadlineInput } from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { addDialogueOwner, createDialogue, setQaMode, setQuestionDeadline } from './commands.ts';
import { getDialogue, listDialogues } from './queries.ts';

export const dialoguesRouter = router({
  list: publicProcedure
    .input(listDialoguesInput)
    .query(({ ctx, input }) => listDialogues(ctx.services.store, ctx.actor, input.arenaId)),
  get: publicProcedure
    .input(dialogueRef)
    .query(({ ctx, input }) => getDialogue(ctx.services.store, ctx.services.clock, ctx.actor, input.dialogueId)),
  create: publicProcedure.input(createDialogueInput).mutation(async ({ ctx, input }) => {
    const dialogueId = await createDialogue(ctx.services, ctx.actor, input);
    return { dialogueId };
  }),
  addOwner: publicProcedure.input(addDialogueOwnerInput).mutation(async ({ ctx, input }) => {
    await addDialogueOwner(ctx.services, ctx.actor, input.dialogueId, input.organisationId);
    return { ok: true as const };
  }),
  setQuestionDeadline: publicProcedure.input(setQuestionDeadlineInput).mutation(async ({ ctx, input }) => {
    await setQuestionDeadline(ctx.services, ctx.actor, input.dialogueId, input.questionDeadline);
    return { ok: true as const };
  }),
  setQaMode: confirmedProcedure.input(setQaModeInput).mutation(async ({ ctx, input }) => {
    await setQaMode(ctx.services, ctx.actor, input.dialogueId, input.qaMode);
    return { ok: true as const };
  }),
});
