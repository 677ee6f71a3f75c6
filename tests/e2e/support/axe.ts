// Runs axe-core in the page for WCAG 2.1 A/AA rules. Evaluated through the DevTools protocol, so
// the app's strict Content-Security-Policy stays on while it is scanned.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | null = null;

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Once per loaded document: a page the app navigated within (history API) still has it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
}

export function seriousOrCritical(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Scans pages as a test visits them and remembers which, so the test can assert it scanned them all. */
export function accessibilityScans() {
  const scanned: string[] = [];
  return {
    scanned,
    async expectAccessible(page: Page, name: string): Promise<void> {
      const serious = seriousOrCritical(await axeViolations(page));
      if (serious.length > 0) throw new Error(`${name}: serious accessibility violations ${JSON.stringify(serious, null, 1)}`);
      scanned.push(name);
    },
  };
}
