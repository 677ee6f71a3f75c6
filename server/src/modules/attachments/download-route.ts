// GET /attachments/:attachmentId — a file, for whoever may see where it is attached (the session
// cookie says who). One they may not see, or that was removed, answers exactly as an id that names
// nothing. Served so that no browser runs or renders it as ours: always a download
// (platform/files/serve-file.ts), kept out of every cache when the dialogue is for registered users only.
import { ATTACHMENT_ROUTES } from '@dialogforum/contracts';
import type { Hono } from 'hono';
import type { FileRouteDeps } from '../../platform/files/receive-file.ts';
import { downloadFile } from '../../platform/files/serve-file.ts';
import { downloadableAttachment } from './queries.ts';

export function downloadRoute(http: Hono, deps: FileRouteDeps): void {
  http.get(ATTACHMENT_ROUTES.download, (c) =>
    downloadFile(c, deps, c.req.param('attachmentId') ?? '', async (actor, attachmentId) => {
      const { attachment, dialogue } = await downloadableAttachment(deps.services.store, actor, attachmentId);
      return { file: attachment, audience: dialogue.visibility === 'registered' ? 'restricted' : 'everyone' };
    }),
  );
}
