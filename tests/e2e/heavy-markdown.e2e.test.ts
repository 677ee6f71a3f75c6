// A post built to make the Markdown parser take minutes (18,000 asterisks; lists nested ever deeper)
// must not freeze the tab of everyone who opens the dialogue: the page shows it as typed, at once.
// Without the budget (contracts/markdown-budget.ts) react-markdown works on the first one for over a
// minute and this test times out.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { launchChromium } from './support/chromium.ts';

const EMPHASIS = '*'.repeat(18_000);
const NESTED_LISTS = Array.from({ length: 120 }, (_, level) => `${' '.repeat(level * 2)}- nivå ${level}`).join('\n');
const ORDINARY = 'Vi söker **eldrivna** färjor:\n\n- laddning vid kaj\n- minst 200 passagerare';

let server: TestServer;
let browser: Browser;
const dialogues: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  const buyer = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@kommun.example', password: 'ett långt och säkert lösenord', representation: 'buyer' });
  for (const [name, description] of Object.entries({ EMPHASIS, NESTED_LISTS, ORDINARY })) {
    const { dialogueId } = await buyer.api.dialogues.create.mutate({
      title: `Dialog ${name}`,
      description,
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    dialogues[name] = dialogueId;
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a dialogue whose text is built to stall the Markdown parser', () => {
  it.each(['EMPHASIS', 'NESTED_LISTS'])('shows the %s text as typed, and the page stays usable', async (name) => {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/dialogues/${dialogues[name]}`);
    await page.getByRole('heading', { level: 1, name: `Dialog ${name}` }).waitFor();
    const shown = page.locator('.markdown-as-typed').first();
    expect((await shown.textContent())?.length).toBeGreaterThan(1000);
    // The tab still answers: a script runs at once.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await page.context().close();
  });

  it('still renders an ordinary description as Markdown', async () => {
    const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
    await page.goto(`${server.url}/dialogues/${dialogues.ORDINARY}`);
    await page.getByRole('heading', { level: 1, name: 'Dialog ORDINARY' }).waitFor();
    expect(await page.locator('.markdown strong', { hasText: 'eldrivna' }).count()).toBe(1);
    expect(await page.locator('.markdown-as-typed').count()).toBe(0);
    await page.context().close();
  });
});
