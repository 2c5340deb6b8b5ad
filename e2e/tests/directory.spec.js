// A visitor opens the landing page, follows a partner's logo to its profile, and browses the directory.
const { test, expect } = require('@playwright/test');

test('a visitor follows a logo from the landing page to the partner profile', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Partner Organizations/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const logos = page.locator('.logo-wall a');
  expect(await logos.count()).toBeGreaterThan(10);
  const first = logos.first();
  const image = first.locator('img');
  const name = await image.getAttribute('alt');
  expect(name).toBeTruthy();
  // The logo really loaded: an image that failed has no natural width.
  await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  await page.screenshot({ path: testInfo.outputPath('landing.png'), fullPage: true });
  await first.click();

  await expect(page).toHaveURL(/\/partners\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { name: 'Capabilities' })).toBeVisible();
  await expect(page.getByText(/Partner agreement in force until/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('profile.png'), fullPage: true });
});

test('the directory pages through every partner without JavaScript errors', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });

  await page.goto('/partners');
  await expect(page.getByRole('heading', { name: 'Partner directory' })).toBeVisible();
  const firstPageNames = await page.locator('.card h2').allTextContents();
  expect(firstPageNames.length).toBe(24);

  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/page=2/);
  const secondPageNames = await page.locator('.card h2').allTextContents();
  expect(secondPageNames.length).toBeGreaterThan(0);
  for (const name of secondPageNames) expect(firstPageNames).not.toContain(name);

  await page.locator('.card h2 a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(secondPageNames[0].trim());
  expect(errors).toEqual([]);
});

test('a phone-sized screen shows the directory in one column', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/partners');
  const boxes = await page.locator('.card').evaluateAll((cards) => cards.slice(0, 2).map((c) => c.getBoundingClientRect().left));
  expect(boxes[0]).toBe(boxes[1]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('phone.png') });
  await context.close();
});
