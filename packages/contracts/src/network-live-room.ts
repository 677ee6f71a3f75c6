// A buyers' network session's live room (issue 11 §4): while the session is held, its members'
// people ask questions that every member's person in the room sees at once; whoever scheduled the
// session, or an admin organisation's person, starts and ends the room and hides a question with a
// reason. Nothing of it reaches anyone outside the network's members now: the room is re-checked by
// membership whenever that can change, and to everyone else it answers as a missing session. Its
// inputs are a dialogue session's live room's (`liveRoomRef`, `submitLiveQuestionInput`,
// `hideLiveQuestionInput`): the same question, the same reason, checked alike.

/** Not started yet, taking questions, or ended (its questions stay on record for the members). */
export type NetworkLiveRoomStatus = 'waiting' | 'live' | 'ended';

/** A question as members see it: among peers, who asked is shown; a hidden one keeps only why. */
export type NetworkLiveQuestionView = {
  id: string;
  /** null once hidden, except to the hosts. */
  body: string | null;
  /** null once hidden, except to the hosts: the room learns why, never what was said or who said it. */
  askerName: string | null;
  organisationName: string | null;
  askedAt: string;
  hidden: { reason: string } | null;
};

export type NetworkLiveRoomView = {
  sessionId: string;
  networkId: string;
  networkName: string;
  title: string;
  status: NetworkLiveRoomStatus;
  /** Oldest first. */
  questions: NetworkLiveQuestionView[];
  viewer: {
    /** Whoever scheduled the session, or an admin organisation's person, of a network not dissolved. */
    isHost: boolean;
    mayAsk: boolean;
  };
};
