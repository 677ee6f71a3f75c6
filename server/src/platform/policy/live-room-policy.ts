// Who may do what in a session's live room. Whoever may see the dialogue may watch the room (what
// is said to one supplier is said to all); those who may register for its sessions (confirmed
// members of an organisation other than the hosts') take part: ask, upvote, answer polls. The
// hosts (the dialogue's answering buyers) moderate. A cancelled session has no room.
import type { SessionStatus } from '@dialogforum/contracts';
import type { Actor } from './actor.ts';
import type { DialogueAccessFacts, MemberActor } from './policy.ts';
import { canViewDialogue } from './policy.ts';
import { mayHostSessions, registrationRefusal } from './session-policy.ts';

export function mayWatchLiveRoom(actor: Actor | null, dialogue: DialogueAccessFacts, status: SessionStatus): boolean {
  return status !== 'cancelled' && canViewDialogue(actor, dialogue);
}

export function mayTakePartInLiveRoom(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return registrationRefusal(actor, dialogue) === null;
}

export function mayModerateLiveRoom(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayHostSessions(actor, dialogue);
}

/** Questions, votes and poll answers are taken while the session is live. */
export function liveRoomTakesPart(status: SessionStatus): boolean {
  return status === 'live';
}
