// Who may do what with a dialogue's sessions. A session belongs to its dialogue: whoever may see
// the dialogue sees its sessions; its buyers host them. The meeting link is for those registered
// (not those waiting) and the hosts.
import type { Actor } from './actor.ts';
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
