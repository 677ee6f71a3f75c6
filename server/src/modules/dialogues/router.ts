import {
  addDialogueOwnerInput,
  createDialogueInput,
  dialogueRef,
  listDialoguesInput,
  recordOutcomeInput,
  setDialogueArchivedInput,
  setQaModeInput,
  setQuestionDeadlineInput,
  updateDialogueInput,
} from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { addDialogueOwner, createDialogue, setQaMode, setQuestionDeadline } from './commands.ts';
import { setDialogueArchived, updateDialogue } from './edit-commands.ts';
import { recordOutcome } from './outcome-commands.ts';
import { dialogueHistory, getDialogue, listDialogues } from './queries.ts';

export const dialoguesRouter = router({
  list: publicProcedure.input(listDialoguesInput).query(({ ctx, input }) => listDialogues(ctx.services.store, ctx.actor, input)),
  get: publicProcedure
    .input(dialogueRef)
    .query(({ ctx, input }) => getDialogue(ctx.services.store, ctx.services.clock, ctx.actor, input.dialogueId)),
  history: publicProcedure.input(dialogueRef).query(({ ctx, input }) => dialogueHistory(ctx.services.store, ctx.actor, input.dialogueId)),
  create: publicProcedure.input(createDialogueInput).mutation(async ({ ctx, input }) => {
    const dialogueId = await createDialogue(ctx.services, ctx.actor, input);
    return { dialogueId };
  }),
  update: confirmedProcedure.input(updateDialogueInput).mutation(async ({ ctx, input }) => {
    await updateDialogue(ctx.services, ctx.actor, input);
    return { ok: true as const };
  }),
  setArchived: confirmedProcedure.input(setDialogueArchivedInput).mutation(async ({ ctx, input }) => {
    await setDialogueArchived(ctx.services, ctx.actor, input.dialogueId, input.archived);
    return { ok: true as const };
  }),
  addOwner: publicProcedure.input(addDialogueOwnerInput).mutation(async ({ ctx, input }) => {
    await addDialogueOwner(ctx.services, ctx.actor, input.dialogueId, input.organisationId);
    return { ok: true as const };
  }),
  setQuestionDeadline: publicProcedure.input(setQuestionDeadlineInput).mutation(async ({ ctx, input }) => {
    await setQuestionDeadline(ctx.services, ctx.actor, input.dialogueId, input.questionDeadline);
    return { ok: true as const };
  }),
  recordOutcome: confirmedProcedure.input(recordOutcomeInput).mutation(async ({ ctx, input }) => {
    await recordOutcome(ctx.services, ctx.actor, input);
    return { ok: true as const };
  }),
  setQaMode: confirmedProcedure.input(setQaModeInput).mutation(async ({ ctx, input }) => {
    await setQaMode(ctx.services, ctx.actor, input.dialogueId, input.qaMode);
    return { ok: true as const };
  }),
});
