// When a moderator merges a duplicate organisation, what its members wrote for it was written for
// the organisation it duplicated: posts name that one from then on (so a buyer's comment in a
// dialogue the merged organisation owns still speaks for the buyer). Inside the merge's transaction.
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { POSTS, type PostDocument } from './documents.ts';

export async function transferPostAuthorship(scope: TransactionScope, fromOrganisationId: string, toOrganisationId: string): Promise<void> {
  const posts = scope.collection<PostDocument>(POSTS);
  // A merge is rare and made by a moderator: reading the posts once is cheaper than an index kept for it.
  for (const post of await posts.find({ authorOrganisationId: fromOrganisationId })) {
    await posts.updateOne({ _id: post._id }, { $set: { authorOrganisationId: toOrganisationId } });
  }
}
