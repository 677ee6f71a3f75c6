// POST /attachments/{dialogues/:dialogueId | answers/:postId | drafts/:threadId} — a file for a
// dialogue, for an official answer (a recorded addition), or a draft for an answer being written.
// The file is received as every upload is (platform/files/receive-file.ts); this says where it may
// go (attachment-target.ts) and records it (commands.ts).
import { ATTACHMENT_ROUTES, type AttachmentTarget } from '@dialogforum/contracts';
import type { Hono } from 'hono';
import { receiveFile, type FileRouteDeps } from '../../platform/files/receive-file.ts';
import { originPolicyFor } from '../../platform/http/same-origin.ts';
import { attachmentViews } from './attachment-views.ts';
import { checkUpload, recordUpload } from './commands.ts';

export const UPLOAD_TARGETS: AttachmentTarget[] = ['toDialogue', 'toAnswer', 'draftForThread'];

export function uploadRoutes(http: Hono, deps: FileRouteDeps): void {
  const origins = originPolicyFor(deps.services.config);
  const { services } = deps;
  for (const target of UPLOAD_TARGETS) {
    http.post(ATTACHMENT_ROUTES[target], (c) =>
      receiveFile(c, deps, origins, {
        notForYou: 'Only the buyers of this dialogue attach files',
        check: (actor, id) => checkUpload(services.store, actor, target, id),
        record: async (actor, id, file) => {
          const attachment = await recordUpload(services, actor, target, id, file);
          const [view] = await attachmentViews(services.store, [attachment]);
          return { attachment: view };
        },
      }),
    );
  }
}
