// An automated accessibility audit (axe-core, WCAG 2.1 A and AA): no serious or critical violation.
const { expect } = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');

async function audit(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.passes.length, 'the audit ran its rules').toBeGreaterThan(10);
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${label}`).toEqual([]);
}

module.exports = { audit };
