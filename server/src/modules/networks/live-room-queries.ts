// A network session's live room as a member's person sees it: its state and every question, oldest
// first, with who asked (members are peers: the network shows its people by name). A hidden
// question shows the room why; its text, its asker and their organisation only to the hosts, as a
// dialogue session's room does (a hidden question must not still point at whoever asked it).
import type { NetworkLiveQuestionView, NetworkLiveRoomView } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayWriteInNetwork } from '../../platform/policy/network-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { NETWORK_LIVE_QUESTIONS, type NetworkLiveQuestionDocument } from './live-room-documents.ts';
import { isNetworkLiveHost, networkLiveRoomOf } from './live-room-access.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** A room holds the questions of one meeting; a bound keeps a page's answer small whatever happens. */
const QUESTIONS_SHOWN = 1000;

export async function getNetworkLiveRoom(store: Readable, actor: Actor | null, sessionId: string): Promise<NetworkLiveRoomView> {
  const found = await networkLiveRoomOf(store, actor, sessionId);
  const { network, facts, session, room } = found;
  const isHost = isNetworkLiveHost(found);
  const questions = await store.collection<NetworkLiveQuestionDocument>(NETWORK_LIVE_QUESTIONS).find({ sessionId }, { sort: { askedAt: 1, _id: 1 }, limit: QUESTIONS_SHOWN });
  const [people, organisations] = await Promise.all([
    personNames(store, [...new Set(questions.map((question) => question.askerId))]),
    organisationSummaries(store, [...new Set(questions.map((question) => question.askerOrganisationId))]),
  ]);
  const status = room?.status ?? 'waiting';
  return {
    sessionId,
    networkId: network._id,
    networkName: network.name,
    title: session.title,
    status,
    questions: questions.map((question): NetworkLiveQuestionView => {
      const shown = !question.hidden || isHost;
      return {
        id: question._id,
        body: shown ? question.body : null,
        askerName: shown ? (people.get(question.askerId) ?? '') : null,
        organisationName: shown ? (organisations.get(question.askerOrganisationId)?.name ?? '') : null,
        askedAt: question.askedAt,
        hidden: question.hidden ? { reason: question.hidden.reason } : null,
      };
    }),
    viewer: { isHost, mayAsk: status === 'live' && mayWriteInNetwork(actor, facts) },
  };
}
