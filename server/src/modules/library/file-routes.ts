// POST /attachments/library-items/:itemId and GET /attachments/library-files/:fileId — files on an
// arena library item, received and served as every attachment is (platform/files: same-origin rule,
// size limit, content allow-list, limits, download headers); who may is files.ts'.
import { LIBRARY_FILE_ROUTES } from '@dialogforum/contracts';
import type { Hono } from 'hono';
import { receiveFile, type FileRouteDeps } from '../../platform/files/receive-file.ts';
import { downloadFile } from '../../platform/files/serve-file.ts';
import { originPolicyFor } from '../../platform/http/same-origin.ts';
import { mayPublishLibraryItems } from '../../platform/policy/library-policy.ts';
import { checkLibraryItemFile, downloadableLibraryFile, recordLibraryItemFile } from './files.ts';

export function libraryFileRoutes(http: Hono, deps: FileRouteDeps): void {
  const origins = originPolicyFor(deps.services.config);
  const { services } = deps;
  http.post(LIBRARY_FILE_ROUTES.toLibraryItem, (c) =>
    receiveFile(c, deps, origins, {
      // Moderators act for no organisation, yet attach as they revise any item.
      mayAttach: mayPublishLibraryItems,
      notForYou: 'Only moderators and verified buyers attach files to library items',
      check: (actor, itemId) => checkLibraryItemFile(services.store, actor, itemId),
      record: async (actor, itemId, file) => ({ file: await recordLibraryItemFile(services, actor, itemId, file) }),
    }),
  );
  // Everyone who may read the item reads its files; a withdrawn item's stop at once.
  http.get(LIBRARY_FILE_ROUTES.download, (c) => downloadFile(c, deps, c.req.param('fileId') ?? '', (actor, fileId) => downloadableLibraryFile(services.store, actor, fileId)));
}
