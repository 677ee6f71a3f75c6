// On MongoDB, socket.io's nodes reach each other through @socket.io/mongo-adapter: a capped
// collection that every node appends to and watches with a change stream (which is why MongoDB
// runs as a replica set here anyway). It has its own client, so its change stream and heartbeats
// never queue behind the store's transactions.
//
// What goes through it (docs/architecture.md, "More than one node"): anything said to a room or to
// all nodes outside the event log, such as the nudge that another node committed an event. Live
// pushes do not: each node sends them to its own sockets (socket-server.ts, `LocalRooms`).
import { createAdapter } from '@socket.io/mongo-adapter';
import { MongoClient, MongoServerError } from 'mongodb';

/** The adapter's collection: capped, so it never needs cleaning. */
const ADAPTER_COLLECTION = 'socketioAdapter';
const ADAPTER_COLLECTION_BYTES = 4 * 1024 * 1024;

export type SocketCluster = { adapter: ReturnType<typeof createAdapter>; close(): Promise<void> };

export async function openMongoCluster(url: string, dbName: string): Promise<SocketCluster> {
  const client = new MongoClient(url);
  await client.connect();
  try {
    const db = client.db(dbName);
    await db.createCollection(ADAPTER_COLLECTION, { capped: true, size: ADAPTER_COLLECTION_BYTES }).catch((error: unknown) => {
      // Another node created it first.
      if (!(error instanceof MongoServerError && error.codeName === 'NamespaceExists')) throw error;
    });
    return { adapter: createAdapter(db.collection(ADAPTER_COLLECTION)), close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}
