// What the relay keeps about a person, for their own data export: the handover versions and relay
// posts they wrote (the procurement's record, kept after an erasure under "Removed user N") and
// their offers to help as a contact. An erasure ends every offer: the person is named nowhere again.
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { HANDOVER_VERSIONS, RELAY_CONTACTS, RELAY_POSTS, type HandoverVersionDocument, type RelayContactDocument, type RelayPostDocument } from './documents.ts';

export async function relayPersonalData(store: DocumentStore, userId: string) {
  const [versions, posts, contacts] = await Promise.all([
    store.collection<HandoverVersionDocument>(HANDOVER_VERSIONS).find({ by: userId }, { sort: { at: 1 } }),
    store.collection<RelayPostDocument>(RELAY_POSTS).find({ authorId: userId }, { sort: { createdAt: 1 } }),
    store.collection<RelayContactDocument>(RELAY_CONTACTS).find({ userId }, { sort: { updatedAt: 1 } }),
  ]);
  return {
    relayHandoverVersions: versions.map((version) => ({ projectId: version.projectId, version: version.version, stage: version.stage, at: version.at, note: version.note })),
    relayPosts: posts.map((post) => ({ projectId: post.projectId, createdAt: post.createdAt, versions: post.versions, hidden: post.hidden ? { at: post.hidden.at, reason: post.hidden.reason } : null })),
    relayContactOffers: contacts.map((contact) => ({ projectId: contact.projectId, offering: contact.offering, role: contact.role, emailShownTo: contact.emailShownTo, updatedAt: contact.updatedAt })),
  };
}

/** In the erasing transaction: the person's offers to help end, so neither name nor address is shown again. */
export async function endRelayContactsOnErasure(scope: TransactionScope, userId: string): Promise<void> {
  const contacts = scope.collection<RelayContactDocument>(RELAY_CONTACTS);
  for (const contact of await contacts.find({ userId })) {
    await contacts.updateOne({ _id: contact._id }, { $set: { offering: false, role: '', emailShownTo: 'nobody' } });
  }
}
