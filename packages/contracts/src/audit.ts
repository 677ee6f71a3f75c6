import { z } from 'zod';
import { idSchema } from './inputs.ts';

export const auditQueryInput = z.strictObject({
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/)
    .optional(),
  actorId: idSchema.optional(),
  /** Entries about this person (subject), e.g. their sign-ins or memberships. */
  userId: idSchema.optional(),
  organisationId: idSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Page backwards: entries older than this sequence number. */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditQueryInput = z.infer<typeof auditQueryInput>;

export type AuditEntryView = {
  seq: number;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  subject: Record<string, string>;
};
