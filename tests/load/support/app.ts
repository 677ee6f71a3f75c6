// The real server for a benchmark: started in this process on embedded engines in a fresh temp
// DATA_DIR (removed on stop), with a buyer, some suppliers and one public dialogue, all created
// through tRPC as a browser would (server/test/support/test-server.ts does the cookie jar and the
// e-mail confirmation through the mailed link).
import { rmSync } from 'node:fs';
import { startTestServer, type TestServer, type Visitor } from '../../../server/test/support/test-server.ts';

export type BenchApp = {
  server: TestServer;
  buyer: Visitor;
  suppliers: Visitor[];
  dialogueId: string;
};

/**
 * `rateLimitScale`: 1000 by default, since one supplier posts ~90 questions in the fan-out benchmark,
 * far past the per-user posting limit; the limiters still run (and cost what they cost), they just do
 * not refuse. The flood benchmark passes 1: the real limits are what it measures.
 */
export async function startBenchApp(supplierCount: number, { rateLimitScale = 1000 } = {}): Promise<BenchApp> {
  // NODE_ENV only selects defaults in config.ts; production is what a deployment measures.
  const server = await startTestServer({ NODE_ENV: 'production', RATE_LIMIT_SCALE: String(rateLimitScale) });
  // However the benchmark ends (a crash included), its DATA_DIR does not outlive it.
  process.once('exit', () => rmSync(server.dataDir, { recursive: true, force: true }));
  try {
    return await populate(server, supplierCount);
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

async function populate(server: TestServer, supplierCount: number): Promise<BenchApp> {
  const buyer = server.visitor();
  await buyer.registerVerified({
    name: 'Bengt Beställare',
    email: 'buyer@region.example',
    password: 'benchmark password 1',
    representation: 'buyer',
    organisationName: 'Region Benchmark',
  });
  const suppliers: Visitor[] = [];
  for (let i = 0; i < supplierCount; i += 1) {
    const supplier = server.visitor();
    await supplier.registerVerified({
      name: `Supplier ${i}`,
      email: `supplier${i}@bench.example`,
      password: 'benchmark password 2',
      representation: 'supplier',
      organisationName: `Leverantör ${i} AB`,
    });
    suppliers.push(supplier);
  }
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Benchmark: digitala vårdplatser i hemmet',
    description: '# Behov\nVi söker **lösningar** för vård i hemmet, mätt under last.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  });
  return { server, buyer, suppliers, dialogueId };
}

/** A realistic question body (~300 characters) that differs per question. */
export function questionBody(i: number): string {
  return (
    `Fråga ${i}: behöver lösningen integreras med befintliga journalsystem (Cosmic, Millennium, TakeCare), ` +
    'och i så fall via vilka gränssnitt? Vi undrar också hur inloggning för patienter och anhöriga ska fungera, ' +
    'vilka tillgänglighetskrav (WCAG 2.1 AA) som gäller för surfplattan i hemmet, och vem som äger datat efter piloten.'
  );
}
