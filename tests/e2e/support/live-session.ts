// A buyer's public dialogue with one session scheduled a month ahead, set up through the API for the
// tests of the live room (the forms that schedule one are tested in sessions.e2e).
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../../server/src/app-router.ts';

export async function scheduledSession(buyer: TRPCClient<AppRouter>): Promise<{ dialogueId: string; sessionId: string }> {
  const { dialogueId } = await buyer.dialogues.create.mutate({
    title: 'Smarta vattenmätare',
    description: 'Vi söker mätare som larmar om läckor.',
    arenaId: 'energy-environment',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 60 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  });
  const day = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString().slice(0, 10);
  const { sessionId } = await buyer.sessions.create.mutate({
    dialogueId,
    title: 'Informationsmöte',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:30`,
    format: 'online',
    meetingLink: 'https://meet.example/vatten',
    capacity: 40,
  });
  return { dialogueId, sessionId };
}
