// What buyers' networks keep about a person, for their own data export: the posts they wrote in
// network discussions (with their earlier texts), the versions of network library items they
// wrote, the files they attached to them, the network sessions they scheduled or registered for, the
// questions they asked in those sessions' live rooms, and
// the membership steps they took for their organisation (asked, invited, accepted,
// left, removed). All are the network's record and stay after an erasure, under the pseudonym the
// accounts module gives the person.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import {
  NETWORK_LIBRARY,
  NETWORK_LIBRARY_FILES,
  NETWORK_MEMBERSHIPS,
  NETWORK_POSTS,
  NETWORK_SESSION_REGISTRATIONS,
  NETWORK_SESSIONS,
  type NetworkItemFileDocument,
  type NetworkLibraryItemDocument,
  type NetworkMembershipDocument,
  type NetworkPostDocument,
  type NetworkSessionDocument,
  type NetworkSessionRegistrationDocument,
} from './documents.ts';
import { NETWORK_LIVE_QUESTIONS, type NetworkLiveQuestionDocument } from './live-room-documents.ts';

export async function networksPersonalData(store: DocumentStore, userId: string) {
  const [posts, memberships, items, files, scheduled, registrations, liveQuestions] = await Promise.all([
    store.collection<NetworkPostDocument>(NETWORK_POSTS).find({ authorId: userId }, { sort: { at: 1 } }),
    store.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS).find({ 'steps.by': userId }),
    store.collection<NetworkLibraryItemDocument>(NETWORK_LIBRARY).find({ 'versions.by': userId }),
    store.collection<NetworkItemFileDocument>(NETWORK_LIBRARY_FILES).find({ addedBy: userId }, { sort: { addedAt: 1 } }),
    store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).find({ scheduledBy: userId }),
    store.collection<NetworkSessionRegistrationDocument>(NETWORK_SESSION_REGISTRATIONS).find({ userId }),
    store.collection<NetworkLiveQuestionDocument>(NETWORK_LIVE_QUESTIONS).find({ askerId: userId }, { sort: { askedAt: 1 } }),
  ]);
  return {
    networkPosts: posts.map((post) => ({ networkId: post.networkId, discussionId: post.discussionId, at: post.at, body: post.body, earlier: post.earlier ?? [] })),
    networkLibraryVersions: items.flatMap((item) =>
      item.versions.filter((version) => version.by === userId).map((version) => ({ networkId: item.networkId, itemId: item._id, at: version.at, title: version.title, body: version.body, note: version.note })),
    ),
    networkLibraryFiles: files.map((file) => ({ networkId: file.networkId, itemId: file.itemId, version: file.version, name: file.name, size: file.size, addedAt: file.addedAt })),
    networkSessionsScheduled: scheduled.map((session) => ({ networkId: session.networkId, sessionId: session._id, at: session.scheduledAt, title: session.title, agenda: session.agenda })),
    networkSessionRegistrations: registrations.map((registration) => ({ networkId: registration.networkId, sessionId: registration.sessionId, at: registration.at })),
    networkLiveQuestions: liveQuestions.map((question) => ({ networkId: question.networkId, sessionId: question.sessionId, at: question.askedAt, body: question.body, hidden: question.hidden ? { at: question.hidden.at, reason: question.hidden.reason } : null })),
    networkMembershipSteps: memberships.flatMap((membership) =>
      membership.steps
        .filter((step) => step.by === userId)
        .map((step) => ({ networkId: membership.networkId, organisationId: membership.organisationId, status: step.status, at: step.at, reason: step.reason })),
    ),
  };
}
