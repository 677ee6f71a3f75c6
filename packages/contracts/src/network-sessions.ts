// A buyers' network's own sessions (issue 11 §4): a member's person schedules a meeting for the
// network's members, and members' people register. Nothing of it is public: it is not a dialogue's
// session, so no list, feed, search, open data or figure that reads dialogues' sessions includes it.
// The meeting link is shown to those registered (and to whoever scheduled it). Its live room, for
// members' questions while it is held, is in network-live-room.ts.
import { z } from 'zod';
import { idSchema, longText } from './inputs.ts';
import { sessionBasics, withFormatFacts, type SessionFormat } from './sessions.ts';

export const scheduleNetworkSessionInput = withFormatFacts(z.strictObject({ networkId: idSchema, ...sessionBasics }));
export type ScheduleNetworkSessionInput = z.infer<typeof scheduleNetworkSessionInput>;

export const networkSessionRef = z.strictObject({ sessionId: idSchema });

/** Whoever scheduled it, or an admin organisation's person, cancels with a reason told to those registered. */
export const cancelNetworkSessionInput = z.strictObject({ sessionId: idSchema, reason: longText(3, 2000) });

/**
 * Whoever scheduled it, or an admin organisation's person, changes it before it has ended: the same
 * fields as when planned. Places cannot fall below those already registered; a session that has
 * started keeps its time. Those registered are told when its time or place changes.
 */
export const editNetworkSessionInput = withFormatFacts(z.strictObject({ sessionId: idSchema, ...sessionBasics }));
export type EditNetworkSessionInput = z.infer<typeof editNetworkSessionInput>;

export type NetworkSessionSummary = {
  id: string;
  title: string;
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: SessionFormat;
  capacity: number;
  registeredCount: number;
  /** Set once cancelled: the session stays on record, marked, and takes no registrations. */
  cancelled: { at: string; reason: string } | null;
};

export type NetworkSessionView = NetworkSessionSummary & {
  networkId: string;
  networkName: string;
  agenda: string;
  address: string | null;
  /** Only for those registered and whoever scheduled it. */
  meetingLink: string | null;
  organisationName: string;
  scheduledByName: string;
  viewer: {
    registered: boolean;
    mayRegister: boolean;
    /** Why the viewer cannot register, when they are not registered and cannot. */
    cannotRegisterBecause: 'full' | 'closed' | 'cancelled' | null;
    /** Whoever scheduled it, or an admin organisation's person of the live network, while not cancelled. */
    mayCancel: boolean;
    /** The same people, before it has ended and while not cancelled. */
    mayEdit: boolean;
  };
};
