// `pnpm reindex`: rebuilds the search index from the store. Run it with the server stopped when the
// store is embedded (one process owns the data directory). Afterwards the search indexer resumes
// after the last event the rebuild covered.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig, type Config } from './config.ts';
import { everyPublicAttachmentName } from './modules/attachments/queries.ts';
import { DIALOGUES, type DialogueDocument } from './modules/dialogues/documents.ts';
import { everyContentDocument } from './modules/search/content-documents.ts';
import { SEARCH_INDEXER, searchableThread } from './modules/search/indexer-processor.ts';
import { dialogueSearchDocument } from './modules/search/search-documents.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from './modules/threads/documents.ts';
import { lastEventSeq } from './platform/events/event-log.ts';
import { ProgressBar } from './platform/progress-bar.ts';
import { openSearch } from './platform/search/open-search.ts';
import type { SearchDocument } from './platform/search/search-index.ts';
import { openStore } from './platform/store/open-store.ts';

const BATCH = 500;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function configOrExit(): Config {
  try {
    return readConfig(process.env, { clientDist: path.join(serverDir, '..', 'client', 'dist') });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
const config = configOrExit();

const store = await openStore({ mongodbUrl: config.mongodbUrl, mongodbDb: config.mongodbDb, dataDir: config.dataDir });
const search = await openSearch({ meilisearchUrl: config.meilisearchUrl, meilisearchKey: config.meilisearchKey, dataDir: config.dataDir });
try {
  // Taken first: events after it are indexed again by the running indexer, which is harmless.
  const throughSeq = await lastEventSeq(store);
  const dialogues = await store.collection<DialogueDocument>(DIALOGUES).find({});
  const threads = new Map((await store.collection<ThreadDocument>(THREADS).find({})).map((thread) => [thread._id, thread]));
  const posts = await store.collection<PostDocument>(POSTS).find({});
  const dialoguesById = new Map(dialogues.map((dialogue) => [dialogue._id, dialogue]));
  const names = await everyPublicAttachmentName(store);

  const documents: SearchDocument[] = dialogues.map((dialogue) => dialogueSearchDocument(dialogue, names.byDialogue.get(dialogue._id) ?? []));
  const postsByThread = new Map<string, PostDocument[]>();
  for (const post of posts) postsByThread.set(post.threadId, [...(postsByThread.get(post.threadId) ?? []), post]);
  // The same rule as the running indexer: only what everyone who sees the dialogue may read.
  for (const [threadId, threadPosts] of postsByThread) {
    const thread = threads.get(threadId);
    const dialogue = thread ? dialoguesById.get(thread.dialogueId) : undefined;
    if (thread && dialogue) documents.push(...searchableThread(dialogue, thread, threadPosts, names.byPost).upsert);
  }
  // Sessions, meetings, the library and the relay: the running indexer's rule for them too.
  const content = await everyContentDocument(store, dialoguesById);
  documents.push(...content);

  await search.clear();
  const progress = new ProgressBar('Reindexing', documents.length, process.stderr);
  for (let start = 0; start < documents.length; start += BATCH) {
    const batch = documents.slice(start, start + BATCH);
    await search.upsert(batch, throughSeq);
    progress.advance(batch.length);
  }
  progress.finish();
  await store
    .collection<{ _id: string; seq: number; updatedAt: string }>('checkpoints')
    .updateOne({ _id: SEARCH_INDEXER }, { $set: { seq: throughSeq, updatedAt: new Date().toISOString() } }, { upsert: true });
  console.log(
    `Indexed ${documents.length} documents (${dialogues.length} dialogues, ${posts.length} posts, ${content.length} of sessions, meetings, the library and the relay) through event ${throughSeq}.`,
  );
} finally {
  await search.close();
  await store.close();
}
