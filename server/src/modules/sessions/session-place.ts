// Where a session is held, as it is stored: an online session keeps only its meeting link, an on-site
// one only its address, a hybrid one both. Whatever the form still sent for the other format is
// dropped, so a session moved on site keeps no stale link to hand out. A dialogue's sessions and a
// buyers' network's sessions follow the same rule.
import type { SessionFormat } from '@dialogforum/contracts';

export type SessionPlace = { format: SessionFormat; meetingLink: string | null; address: string | null };

export function sessionPlace(input: { format: SessionFormat; meetingLink?: string | undefined; address?: string | undefined }): SessionPlace {
  return {
    format: input.format,
    meetingLink: input.format === 'onsite' ? null : (input.meetingLink ?? null),
    address: input.format === 'online' ? null : (input.address ?? null),
  };
}
