/**
 * axe-core in a real page: the rule engine is read from node_modules and
 * evaluated in the page as a string (no <script> tag), so it runs under a
 * Content-Security-Policy that forbids inline scripts. Only serious and
 * critical violations fail a test; the others are returned for the report.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

export interface AxeReport {
  /** Serious and critical: these fail. */
  blocking: AxeViolation[];
  /** Minor and moderate: reported, not failed. */
  other: AxeViolation[];
}

/** Runs axe on the whole page as it is now (WCAG 2.x A and AA, plus best practices). */
export async function runAxe(page: Page): Promise<AxeReport> {
  // page.evaluate(string) runs through the DevTools protocol, which a page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // `axe` is the global the source just defined; not typed here (the page's world, not Node's).
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { blocking, other: violations.filter((v) => !blocking.includes(v)) };
}

/** One line per violation and node, for a failure message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html}\n      ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`).join('\n')}`)
    .join('\n');
}
