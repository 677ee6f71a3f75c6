// Whom a view is built for: one signed-in person, or a whole realtime audience. Both answer the
// one question that changes a view — may this viewer know who asked? — from the policy module.
import type { Actor } from './actor.ts';
import { seesAskerIdentity, seesEveryAsker, type DialogueAccessFacts } from './policy.ts';

export type Viewer = {
  /** Marks the viewer's own posts; null for an audience. */
  userId: string | null;
  seesIdentityOf(authorId: string): boolean;
};

export function viewerFor(actor: Actor | null, dialogue: DialogueAccessFacts): Viewer {
  return { userId: actor?.userId ?? null, seesIdentityOf: (authorId) => seesAskerIdentity(actor, dialogue, authorId) };
}

/** The realtime rooms of a dialogue: its buyers and moderators see askers' names, everyone else pseudonyms. */
export type Audience = 'buyers' | 'public';

export function audienceOf(actor: Actor | null, dialogue: DialogueAccessFacts): Audience {
  return seesEveryAsker(actor, dialogue) ? 'buyers' : 'public';
}

export function audienceViewer(audience: Audience): Viewer {
  return { userId: null, seesIdentityOf: () => audience === 'buyers' };
}
