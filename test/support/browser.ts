import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA rules). Evaluated
 * through the DevTools protocol, so the page's CSP (no inline script) stays on and is tested too.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
  // A string, because this runs in the page (the test's TypeScript has no DOM types).
  const violations = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations)`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/**
 * Expects the tab's title. A page sets it in an effect after the render that follows the new address (the router
 * renders in a transition), so it is waited for a while first: a title that never comes still fails, with both shown.
 */
export async function expectTitle(page: Page, expected: string | RegExp): Promise<void> {
  const [source, flags] =
    typeof expected === 'string' ? [`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, ''] : [expected.source, expected.flags];
  // A function, not a string: the page's CSP refuses eval, which a string predicate needs once it polls.
  await page
    .waitForFunction(([s, f]) => new RegExp(s, f).test((globalThis as unknown as InPage).document.title), [source, flags], {
      timeout: 10_000,
    })
    .catch(timedOut);
  const title = await page.title();
  if (typeof expected === 'string') expect(title).toBe(expected);
  else expect(title).toMatch(expected);
}

/** The focused element as `H1 Reports`: its tag and text. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as InPage).document.activeElement;
    return `${element?.tagName} ${element?.textContent?.trim()}`;
  });
}

/** Focus ends on `expected` (`H1 Earnings`), waited for a while: it moves in an effect after the new page's render. */
export async function expectFocusOn(page: Page, expected: string): Promise<void> {
  await page
    .waitForFunction(
      (want) => {
        const element = (globalThis as unknown as InPage).document.activeElement;
        return `${element?.tagName} ${element?.textContent?.trim()}` === want;
      },
      expected,
      { timeout: 10_000 },
    )
    .catch(timedOut);
  expect(await focusedElement(page)).toBe(expected);
}

/**
 * How the page's tables sit: how many of their scroll boxes (ui/table's overflow-x-auto) scroll sideways, and the
 * text of each number cell laid out on more than one line. A string, run as is: the test's TypeScript has no DOM types.
 */
export async function tableLayout(page: Page): Promise<{ scrolled: number; broken: string[] }> {
  return (await page.evaluate(`({
    scrolled: [...document.querySelectorAll('.overflow-x-auto')].filter((box) => box.scrollWidth > box.clientWidth).length,
    broken: [...document.querySelectorAll('td.num')]
      .filter((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
      })
      .map((cell) => cell.textContent),
  })`)) as { scrolled: number; broken: string[] };
}

/** What a function run in the page reads of it (the test's TypeScript has no DOM types). */
export interface InPage {
  document: { title: string; activeElement: { tagName: string; textContent: string | null } | null };
}

/** A wait that timed out goes on to the check that shows what is there instead; any other error stands. */
export function timedOut(error: unknown): void {
  if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
}
