// Every public page passes an automated accessibility audit: no serious or critical violation.
const { test } = require('@playwright/test');
const { audit } = require('./audit');

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
  '/interest',
  '/no-such-page',
];

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
