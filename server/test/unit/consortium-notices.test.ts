// The notifier's second look at a consortium notice (`mayBeTold`), made as the notice is written:
// whoever the event's facts named, only a person acting for an organisation the notice concerns, and
// only while they may see the consortium, is told. The integration test (consortia.test.ts) shows
// who is told over the real server; this holds the re-check on its own, for what can change between
// an event and its notice (an invitation withdrawn, a member gone) that a test cannot time.
import { describe, expect, it } from 'vitest';
import type { NotificationKind } from '@dialogforum/contracts';
import type { ConsortiumDocument, ConsortiumMember } from '../../src/modules/consortia/documents.ts';
import { mayBeTold, type Plan } from '../../src/modules/notifications/recipients.ts';
import type { Actor } from '../../src/platform/policy/actor.ts';

const actor = (organisationId: string, kind: Actor['organisationKind'], over: Partial<Actor> = {}): Actor => ({
  userId: `user-${organisationId}`,
  name: organisationId,
  representation: kind === 'buyer' ? 'buyer' : 'supplier',
  organisationId,
  organisationKind: kind,
  organisationVerified: true,
  emailVerified: true,
  platformRole: null,
  sessionId: 's',
  ...over,
});

const lead = actor('magnet', 'supplier');
const institute = actor('institute', 'research');
const third = actor('third', 'supplier');
const facilityBuyer = actor('facility', 'buyer');

const member = (organisationId: string, status: ConsortiumMember['status']): ConsortiumMember => ({
  organisationId,
  role: organisationId === 'magnet' ? 'lead' : 'member',
  status,
  choice: status === 'confirmed' ? 'buyer' : null,
  invitedAt: '2026-11-26T10:00:00.000Z',
  invitedBy: 'user-magnet',
  decidedAt: null,
});

function consortium(instituteStatus: ConsortiumMember['status'], visibility: 'buyer' | 'public' = 'buyer'): ConsortiumDocument {
  return {
    _id: 'consortium-1',
    opportunityId: 'opportunity-1',
    arenaId: 'big-science',
    name: 'Kryokonsortiet',
    leadOrganisationId: 'magnet',
    visibility,
    members: [member('magnet', 'confirmed'), member('institute', instituteStatus)],
    history: [],
    createdBy: 'user-magnet',
    createdAt: '2026-11-26T10:00:00.000Z',
    revision: 1,
  };
}

/** A plan as the notifier makes it for a consortium event, concerning these organisations. */
function plan(document: ConsortiumDocument, organisationIds: string[], dialogue: { visibility: 'public' | 'registered' } | null = null): Plan {
  return {
    kindFor: new Map(),
    dialogue: null,
    thread: null,
    post: null,
    organisationId: null,
    arenaId: null,
    libraryItem: null,
    relayProject: null,
    network: null,
    opportunity: null,
    consortium: {
      facts: { consortium: document, dialogue: dialogue ? { ...dialogue, ownerOrganisationIds: ['facility'], questionDeadline: '2027-01-01T00:00:00.000Z' } : null, buyers: ['facility'] },
      organisationIds,
    },
    note: null,
    deadline: null,
    sessionId: null,
    autoFollowers: [],
  };
}

const INVITED: NotificationKind = 'consortium-invited';
const TO_LEAD: NotificationKind[] = ['consortium-member-confirmed', 'consortium-member-declined', 'consortium-member-left'];

describe('consortium notices, checked again as they are made', () => {
  it('tell an invited organisation of its invitation while it is invited, and nobody else', () => {
    const invited = plan(consortium('invited'), ['institute']);
    expect(mayBeTold(institute, invited, INVITED)).toBe(true);
    for (const other of [lead, third, facilityBuyer, actor('x', 'supplier', { platformRole: 'moderator', organisationId: null })]) {
      expect(mayBeTold(other, invited, INVITED), other.name).toBe(false);
    }
    // A person of the institute now acting for another organisation is not told as the institute.
    expect(mayBeTold({ ...institute, organisationId: 'elsewhere' }, invited, INVITED)).toBe(false);
  });

  it('name no consortium kept to the buyer to an organisation that is no longer in it', () => {
    // Withdrawn before the notice was made: kept to the buyer, the institute may not see it now.
    expect(mayBeTold(institute, plan(consortium('removed'), ['institute']), INVITED)).toBe(false);
    expect(mayBeTold(institute, plan(consortium('declined'), ['institute']), INVITED)).toBe(false);
    // Made of a dialogue only registered people see: nobody who may not see the dialogue is told.
    expect(mayBeTold({ ...institute, emailVerified: false }, plan(consortium('invited'), ['institute'], { visibility: 'registered' }), INVITED)).toBe(false);
  });

  it('tell the lead organisation of a member’s answer or leaving, never the member or a third', () => {
    const toLead = plan(consortium('left'), ['magnet']);
    for (const kind of TO_LEAD) {
      expect(mayBeTold(lead, toLead, kind), kind).toBe(true);
      expect(mayBeTold(institute, toLead, kind), kind).toBe(false);
      expect(mayBeTold(third, plan(consortium('left', 'public'), ['magnet']), kind), kind).toBe(false);
    }
  });
});
