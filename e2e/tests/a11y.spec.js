// Every public page passes an automated accessibility audit: no serious or critical violation.
const { test, expect } = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');

const pages = [
  '/',
  '/partners',
  '/partners?capability=research&view=list',
  '/news',
  '/statistics',
  '/map',
  '/open-data',
  '/widget/logos',
  '/sign-in',
  '/no-such-page',
];

async function audit(page, path) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.passes.length, 'the audit ran its rules').toBeGreaterThan(10);
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${path}`).toEqual([]);
}

for (const path of pages) {
  test(`${path} passes the accessibility audit`, async ({ page }) => {
    await page.goto(path);
    await audit(page, path);
  });
}

test('a partner profile and a news post pass the accessibility audit', async ({ page }) => {
  await page.goto('/partners');
  await page.locator('.card h2 a').first().click();
  await audit(page, page.url());
  await page.goto('/news');
  await page.locator('.post-list h2 a').first().click();
  await audit(page, page.url());
});
