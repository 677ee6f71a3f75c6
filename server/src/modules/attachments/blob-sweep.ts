// Keeps the blob store to the files that records name. A blob is written before its record, so a
// crash (or a failed transaction) between the two leaves a blob no record names; drafts uploaded
// for an answer that was never sent expire; a write cut off by a crash leaves a temporary file or
// chunks. None of them is part of the record, so they are removed — a record itself never is,
// except an expired draft's, which nobody else ever saw. Records go first, then blobs: a record
// never names a missing blob.
//
// Orphans are blobs older than an hour with no record: the upload that wrote one records it within
// the same request, seconds later, or never. Every node may sweep (on GridFS they share one
// store): each step is idempotent.
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { libraryFileBlobsAmong } from '../library/files.ts';
import { networkFileBlobsAmong } from '../networks/library-files.ts';
import { ATTACHMENTS, type AttachmentDocument } from './documents.ts';

const HOUR = 3_600_000;
/** A draft not published with an answer within a day is dropped: the buyer attaches it again. */
export const DRAFT_LIFETIME_MS = 24 * HOUR;
export const ORPHAN_AGE_MS = HOUR;
/** An upload may be slow; what it left is only taken for abandoned well after it stopped writing. */
export const INTERRUPTED_AGE_MS = 6 * HOUR;
const BATCH = 500;

export type SweepReport = { expiredDrafts: number; orphans: number; interrupted: number };

export async function sweepAttachmentBlobs(store: DocumentStore, blobs: BlobStore, now: Date): Promise<SweepReport> {
  const attachments = store.collection<AttachmentDocument>(ATTACHMENTS);
  let expiredDrafts = 0;
  const draftCutoff = new Date(now.getTime() - DRAFT_LIFETIME_MS).toISOString();
  for (const draft of await attachments.find({ on: 'draft', addedAt: { $lt: draftCutoff } }, { limit: 10_000 })) {
    // Conditional: a draft published with its answer a moment ago is no draft any more, and stays.
    if ((await attachments.deleteMany({ _id: draft._id, on: 'draft' })) === 0) continue;
    await blobs.delete(draft.blobId);
    expiredDrafts++;
  }

  let orphans = 0;
  let batch: string[] = [];
  const sweepBatch = async () => {
    // A blob is named by a dialogue's attachment, a file in a network's library or one in the arenas' library.
    const named = new Set((await attachments.find({ blobId: { $in: batch } })).map((attachment) => attachment.blobId));
    for (const blobId of await networkFileBlobsAmong(store, batch)) named.add(blobId);
    for (const blobId of await libraryFileBlobsAmong(store, batch)) named.add(blobId);
    for (const blobId of batch.filter((id) => !named.has(id))) {
      await blobs.delete(blobId);
      orphans++;
    }
    batch = [];
  };
  for await (const blobId of blobs.storedBefore(new Date(now.getTime() - ORPHAN_AGE_MS))) {
    batch.push(blobId);
    if (batch.length >= BATCH) await sweepBatch();
  }
  if (batch.length > 0) await sweepBatch();

  const interrupted = await blobs.discardInterrupted(new Date(now.getTime() - INTERRUPTED_AGE_MS));
  return { expiredDrafts, orphans, interrupted };
}

/** Sweeps a minute after start (not in the way of starting) and then every hour, until stopped. */
export function startBlobSweep(store: DocumentStore, blobs: BlobStore, clock: Clock, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= sweepAttachmentBlobs(store, blobs, clock.now())
      .then((report) => {
        if (report.expiredDrafts + report.orphans + report.interrupted > 0) logger.info(report, 'attachment blobs swept');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'sweeping attachment blobs failed; trying again in an hour'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(sweep, 60_000);
  const every = setInterval(sweep, HOUR);
  first.unref();
  every.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
