import type { Config } from '../config.ts';
import type { BlobStore } from './blobs/blob-store.ts';
import type { ViewCaches } from './cache/view-cache.ts';
import type { Clock } from './clock.ts';
import type { IdentifierHash } from './events/identifier-hash.ts';
import type { Logger } from './logging/logger.ts';
import type { Mailer } from './mail/mailer.ts';
import type { Metrics } from './operations/metrics.ts';
import type { RateLimiters } from './rate-limit/rate-limits.ts';
import type { SearchIndex } from './search/search-index.ts';
import type { DocumentStore } from './store/document-store.ts';

/** The engines and settings commands and queries run against, built once in app.ts. */
export type Services = {
  config: Config;
  store: DocumentStore;
  search: SearchIndex;
  mailer: Mailer;
  /** Attachments' bytes (their records are in the store). */
  blobs: BlobStore;
  clock: Clock;
  rateLimiters: RateLimiters;
  logger: Logger;
  metrics: Metrics;
  /** Views shared by an audience, kept while they are current (a dialogue's thread pages). */
  viewCaches: ViewCaches;
  /** Stands for an e-mail address in an event (platform/events/identifier-hash.ts). */
  identifierHash: IdentifierHash;
  /** Wakes the event processors after a commit. */
  onCommit: () => void;
};
