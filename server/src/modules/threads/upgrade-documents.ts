// Data written before threads had a status, versions and change stamps (the first release) is
// brought to the current shape once at start: every old question was public when asked and every
// old answer official, so nothing becomes visible that was not.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from './documents.ts';

/** Bumped when the shape changes again; a data directory records the shape it has. */
const CURRENT_SHAPE = 2;
const SHAPES = 'documentShapes';

export async function upgradeThreadDocuments(store: DocumentStore): Promise<void> {
  const shapes = store.collection<{ _id: string; version: number }>(SHAPES);
  // Checked first, so a large store is not scanned at every start.
  if (((await shapes.findOne({ _id: 'threads' }))?.version ?? 1) >= CURRENT_SHAPE) return;
  await upgradeFromFirstRelease(store);
  await shapes.updateOne({ _id: 'threads' }, { $set: { version: CURRENT_SHAPE } }, { upsert: true });
}

async function upgradeFromFirstRelease(store: DocumentStore): Promise<void> {
  const dialogues = store.collection<DialogueDocument>(DIALOGUES);
  for (const dialogue of await dialogues.find({ qaMode: { $exists: false } })) {
    await dialogues.updateOne({ _id: dialogue._id }, { $set: { qaMode: 'open', change: 0 } });
  }
  const posts = store.collection<PostDocument>(POSTS);
  for (const post of await posts.find({ versions: { $exists: false } })) {
    await posts.updateOne(
      { _id: post._id },
      { $set: { private: false, hidden: null, versions: [{ title: null, body: post.body, at: post.createdAt, by: post.authorId, note: null }] } },
    );
  }
  const threads = store.collection<ThreadDocument>(THREADS);
  for (const thread of await threads.find({ status: { $exists: false } })) {
    const answer = await posts.findOne({ threadId: thread._id, kind: 'answer' });
    await threads.updateOne(
      { _id: thread._id },
      {
        $set: {
          status: 'published',
          confidential: false,
          askedIn: 'open',
          publishedAt: thread.createdAt,
          answered: answer !== null,
          answeredAt: answer?.createdAt ?? null,
          privateAnswer: null,
          locked: null,
          voteCount: 0,
          change: 0,
        },
      },
    );
  }
}
