// The world map leads from a country to the partners working there.
const { test, expect } = require('@playwright/test');

test('a country on the map opens the directory filtered to it', async ({ page }, testInfo) => {
  await page.goto('/map');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where partners work');
  const kenya = page.locator('a[href="/partners?country=KE"]').first();
  const label = await kenya.getAttribute('aria-label');
  const expected = Number(label.match(/(\d+) partner/)[1]);
  await page.screenshot({ path: testInfo.outputPath('map.png') });
  await kenya.click();
  await expect(page).toHaveURL(/country=KE/);
  await expect(page.getByRole('checkbox', { name: /^Kenya/ })).toBeChecked();
  await expect(page.locator('.card')).toHaveCount(expected);
});
