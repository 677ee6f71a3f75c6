// POST /attachments/network-items/:itemId and GET /attachments/network-files/:fileId — files on a
// network's library items, received and served as every attachment is (platform/files: same-origin
// rule, size limit, content allow-list, limits, download headers); who may is library-files.ts'.
import { NETWORK_FILE_ROUTES } from '@dialogforum/contracts';
import type { Hono } from 'hono';
import { receiveFile, type FileRouteDeps } from '../../platform/files/receive-file.ts';
import { downloadFile } from '../../platform/files/serve-file.ts';
import { originPolicyFor } from '../../platform/http/same-origin.ts';
import { checkNetworkItemFile, downloadableNetworkFile, recordNetworkItemFile } from './library-files.ts';

export function networkFileRoutes(http: Hono, deps: FileRouteDeps): void {
  const origins = originPolicyFor(deps.services.config);
  const { services } = deps;
  http.post(NETWORK_FILE_ROUTES.toNetworkItem, (c) =>
    receiveFile(c, deps, origins, {
      notForYou: 'Only a network’s members attach files to its library',
      check: (actor, itemId) => checkNetworkItemFile(services.store, actor, itemId),
      record: async (actor, itemId, file) => ({ file: await recordNetworkItemFile(services, actor, itemId, file) }),
    }),
  );
  // Members only, so kept in no cache at all.
  http.get(NETWORK_FILE_ROUTES.download, (c) =>
    downloadFile(c, deps, c.req.param('fileId') ?? '', async (actor, fileId) => ({ file: await downloadableNetworkFile(services.store, actor, fileId), audience: 'restricted' })),
  );
}
