import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/platform/policy/actor.ts';
import {
  canCreateDialogue,
  canViewDialogue,
  isPastQuestionDeadline,
  mayAnswerOfficially,
  mayAskQuestions,
  seesAskerIdentity,
} from '../../src/platform/policy/policy.ts';
import { audienceOf, viewerFor } from '../../src/platform/policy/viewer.ts';

const actor = (organisationId: string, kind: Actor['organisationKind'], userId = `user-${organisationId}`): Actor => ({
  userId,
  name: userId,
  representation: kind === 'buyer' ? 'buyer' : 'supplier',
  organisationId,
  organisationKind: kind,
  organisationVerified: true,
  emailVerified: true,
  platformRole: null,
  sessionId: 's',
});

const buyer = actor('region', 'buyer');
const otherBuyer = actor('kommun', 'buyer');
const supplier = actor('startup', 'supplier');
const dialogue = { visibility: 'public' as const, ownerOrganisationIds: ['region'], questionDeadline: '2026-12-01T16:00:00.000Z' };

describe('policy', () => {
  it('lets only buyers publish dialogues', () => {
    expect(canCreateDialogue(buyer)).toBe(true);
    expect(canCreateDialogue(supplier)).toBe(false);
    expect(canCreateDialogue(null)).toBe(false);
  });

  it('shows registered-only dialogues to signed-in users with a confirmed address only', () => {
    const registered = { ...dialogue, visibility: 'registered' as const };
    expect(canViewDialogue(null, dialogue)).toBe(true);
    expect(canViewDialogue(null, registered)).toBe(false);
    expect(canViewDialogue({ ...supplier, emailVerified: false }, registered)).toBe(false);
    expect(canViewDialogue(supplier, registered)).toBe(true);
  });

  it('lets others ask and only owning buyers answer officially', () => {
    expect(mayAskQuestions(supplier, dialogue)).toBe(true);
    expect(mayAskQuestions(otherBuyer, dialogue)).toBe(true);
    expect(mayAskQuestions(buyer, dialogue)).toBe(false);
    expect(mayAskQuestions(null, dialogue)).toBe(false);
    expect(mayAnswerOfficially(buyer, dialogue)).toBe(true);
    expect(mayAnswerOfficially(otherBuyer, dialogue)).toBe(false);
    expect(mayAnswerOfficially(supplier, dialogue)).toBe(false);
  });

  it('closes questions at the deadline instant, not a moment later', () => {
    expect(isPastQuestionDeadline(dialogue, new Date('2026-12-01T15:59:59.999Z'))).toBe(false);
    expect(isPastQuestionDeadline(dialogue, new Date('2026-12-01T16:00:00.000Z'))).toBe(true);
    // The same instant written with a Swedish offset.
    expect(isPastQuestionDeadline({ ...dialogue, questionDeadline: '2026-12-01T17:00:00+01:00' }, new Date('2026-12-01T16:00:00Z'))).toBe(true);
  });

  it('reveals an asker only to the owning buyers, moderators and the asker', () => {
    expect(seesAskerIdentity(buyer, dialogue, supplier.userId)).toBe(true);
    expect(seesAskerIdentity(supplier, dialogue, supplier.userId)).toBe(true);
    expect(seesAskerIdentity(otherBuyer, dialogue, supplier.userId)).toBe(false);
    expect(seesAskerIdentity(actor('competitor', 'supplier'), dialogue, supplier.userId)).toBe(false);
    expect(seesAskerIdentity(null, dialogue, supplier.userId)).toBe(false);
    expect(seesAskerIdentity({ ...actor('platform', 'supplier'), platformRole: 'moderator' }, dialogue, supplier.userId)).toBe(true);
    expect(viewerFor(otherBuyer, dialogue).seesIdentityOf(supplier.userId)).toBe(false);
  });

  it('puts owning buyers and moderators in the named audience and everyone else in the public one', () => {
    expect(audienceOf(buyer, dialogue)).toBe('buyers');
    expect(audienceOf(otherBuyer, dialogue)).toBe('public');
    expect(audienceOf(supplier, dialogue)).toBe('public');
    expect(audienceOf(null, dialogue)).toBe('public');
    expect(audienceOf({ ...actor('platform', 'supplier'), platformRole: 'moderator' }, dialogue)).toBe('buyers');
  });
});
