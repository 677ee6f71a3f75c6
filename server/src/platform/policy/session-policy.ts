// Who may do what with a dialogue's sessions. A session belongs to its dialogue: whoever may see
// the dialogue sees its sessions; its buyers host them. The meeting link is for those registered
// (not those waiting) and the hosts.
import type { Actor } from './actor.ts';
import { hostReader, organisationReader } from './search-readers.ts';
import { actsForOrganisation, canViewDialogue, hasVerifiedEmail, isDialogueOwner, mayAnswerOfficially, type DialogueAccessFacts, type MemberActor } from './policy.ts';

/** The buyers who answer officially host the dialogue's sessions. */
export function mayHostSessions(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayAnswerOfficially(actor, dialogue) && hasVerifiedEmail(actor);
}

export type RegistrationRefusal = 'signed-out' | 'unconfirmed' | 'host' | 'not-a-member' | null;

/** Why the actor may not register for a session of the dialogue (null: they may, while it is open). */
export function registrationRefusal(actor: Actor | null, dialogue: DialogueAccessFacts): RegistrationRefusal {
  if (actor === null) return 'signed-out';
  if (!hasVerifiedEmail(actor)) return 'unconfirmed';
  if (isDialogueOwner(actor, dialogue)) return 'host';
  if (!actsForOrganisation(actor) || !canViewDialogue(actor, dialogue)) return 'not-a-member';
  return null;
}

export function seesMeetingLink(actor: Actor | null, dialogue: DialogueAccessFacts, registered: boolean): boolean {
  return registered || isDialogueOwner(actor, dialogue);
}

/** A one-to-one meeting as its minutes' readers depend on it. */
export type MinutedMeeting = { roundClosed: boolean; organisationId: string | null };

/**
 * The minutes of a one-to-one meeting: while the round is open, its hosts and the organisation that
 * booked the meeting; once it is closed, everyone who may see the dialogue (the caller has checked
 * that the actor may see it).
 */
export function readsMeetingMinutes(actor: Actor | null, dialogue: DialogueAccessFacts, meeting: MinutedMeeting): boolean {
  if (meeting.roundClosed || mayHostSessions(actor, dialogue)) return true;
  return actsForOrganisation(actor) && actor.organisationId === meeting.organisationId;
}

/** `readsMeetingMinutes` as a search document's reader list (search-readers.ts): [] once everyone who sees the dialogue reads them. */
export function meetingMinutesReaders(dialogue: DialogueAccessFacts, meeting: MinutedMeeting): string[] {
  if (meeting.roundClosed) return [];
  return [...dialogue.ownerOrganisationIds.map(hostReader), ...(meeting.organisationId ? [organisationReader(meeting.organisationId)] : [])];
}
