// Attachments over tRPC: what is listed and what the upload form accepts (reads), and removing a
// file with a reason (JSON, so tRPC's). Uploads and downloads are plain HTTP routes
// (upload-routes.ts, download-route.ts): a file is bytes, not JSON.
import { ATTACHMENT_FILE_TYPE_NAMES, dialogueAttachmentsInput, removeAttachmentInput, type AttachmentRules } from '@dialogforum/contracts';
import { signedInProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { removeAttachment } from './commands.ts';
import { dialogueAttachments } from './queries.ts';

export const attachmentsRouter = router({
  ofDialogue: publicProcedure
    .input(dialogueAttachmentsInput)
    .query(({ ctx, input }) => dialogueAttachments(ctx.services.store, ctx.actor, input.dialogueId)),
  rules: publicProcedure.query(({ ctx }): AttachmentRules => ({ maxBytes: ctx.services.config.attachmentMaxBytes, fileTypes: ATTACHMENT_FILE_TYPE_NAMES })),
  remove: signedInProcedure.input(removeAttachmentInput).mutation(async ({ ctx, input }) => {
    await removeAttachment(ctx.services, ctx.actor, input.attachmentId, input.reason);
    return { ok: true as const };
  }),
});
