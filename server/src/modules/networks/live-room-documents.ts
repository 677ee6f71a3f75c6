// What a network session's live room stores, apart from the dialogues' live rooms (whose questions
// carry a dialogue, its pseudonyms and its Q&A): a room record once the host starts it, and its
// questions. Nothing is deleted: a hidden question keeps its text and records who hid it and why.
import type { RecordedActDocument } from '../threads/documents.ts';

/** Absent until the host starts the room; `_id` is the network session's id. */
export type NetworkLiveRoomDocument = {
  _id: string;
  networkId: string;
  status: 'live' | 'ended';
  startedAt: string;
  startedBy: string;
  ended: { at: string; by: string } | null;
};

export type NetworkLiveQuestionDocument = {
  _id: string;
  sessionId: string;
  networkId: string;
  askerId: string;
  askerOrganisationId: string;
  body: string;
  askedAt: string;
  hidden: RecordedActDocument | null;
};

export const NETWORK_LIVE_ROOMS = 'networkLiveRooms';
export const NETWORK_LIVE_QUESTIONS = 'networkLiveQuestions';
