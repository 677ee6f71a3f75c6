// A live socket whose connection drops and comes back, as a rights test replays it: the change of
// rights happens while it is away, and it returns with its old cookie and any recovery state.
import { expect } from 'vitest';
import type { LiveSocket } from './test-server.ts';

/** The connection drops (a tunnel, a closed lid): socket.io's client keeps what it needs to come back. */
export async function dropConnection(socket: LiveSocket): Promise<void> {
  const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  socket.io.engine.close();
  await gone;
}

/** …and comes back, presenting its old cookie and any recovery state (pid and offset) it was given. */
export async function reviveConnection(socket: LiveSocket): Promise<void> {
  const back = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.connect();
  await back;
  // socket.io-client leaves `recovered` undefined when it had no recovery state to present.
  expect(socket.recovered ?? false, 'a revived socket is never handed its old rooms').toBe(false);
}
