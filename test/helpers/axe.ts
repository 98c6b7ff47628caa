/** axe-core in a Playwright page, for the console's accessibility checks. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical violations on the page, as "id: help (targets)". */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the console's Content-Security-Policy refuses inline scripts, as it should.
  await page.evaluate(`${AXE}\n;undefined`);
  const result = (await page.evaluate(() => (globalThis as unknown as { axe: { run: () => Promise<unknown> } }).axe.run())) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
