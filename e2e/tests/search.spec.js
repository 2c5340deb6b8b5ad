// A visitor narrows the directory with facets and words; the address keeps the search.
const { test, expect } = require('@playwright/test');

test('filters and search narrow the directory in place and can be shared', async ({ page }) => {
  await page.goto('/partners');
  const total = Number((await page.getByRole('status').first().textContent()).match(/\d+/)[0]);

  // Facets are folded until opened, so a phone shows the results without scrolling past them.
  await expect(page.getByRole('checkbox', { name: /^Research/ })).toBeHidden();
  await page.locator('summary', { hasText: 'Capability' }).click();
  await page.getByRole('checkbox', { name: /^Research/ }).check();
  await expect(page).toHaveURL(/capability=research/);
  const filtered = Number((await page.getByRole('status').first().textContent()).match(/\d+/)[0]);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(total);
  await expect(page.getByRole('checkbox', { name: /^Research/ })).toBeChecked();

  await page.getByLabel('Search', { exact: true }).fill('terminology');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=terminology/);
  const shared = page.url();

  // The same address, opened afresh, shows the same search.
  const again = await page.context().newPage();
  await again.goto(shared);
  await expect(again.getByRole('checkbox', { name: /^Research/ })).toBeChecked();
  await expect(again.getByLabel('Search', { exact: true })).toHaveValue('terminology');
  expect(await again.locator('.card h2').allTextContents()).toEqual(await page.locator('.card h2').allTextContents());

  await page.getByRole('link', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(/\/partners$/);
});
