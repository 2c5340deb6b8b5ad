// Organizations and their people in the browser: the secretariat opens the "Lapsed" tile and finds the
// lapsed partners on the roster; a partner's primary contact invites a colleague, who signs in from the
// e-mail (read from the real SMTP server) and lands on the page the e-mail named.
const { test, expect } = require('@playwright/test');
const { messages, signIn } = require('./mailbox');

test('the secretariat opens the Lapsed tile and sees the lapsed partners', async ({ page }, testInfo) => {
  await signIn(page, 'secretariat@portal.example');
  await page.goto('/secretariat');
  await page.getByRole('link', { name: /Lapsed partnerships/ }).click();
  await expect(page).toHaveURL(/\/secretariat\/partners\?status=lapsed$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organizations');
  const rows = page.locator('table.roster tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(page.locator('table.roster tbody tr[data-status="lapsed"]')).toHaveCount(await rows.count());
  await expect(page.getByRole('link', { name: 'Zambezi Health Information Trust' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('roster.png'), fullPage: true });
});

test('a primary contact invites a colleague, who signs in from the e-mail and lands on the record', async ({ browser }, testInfo) => {
  const primary = await browser.newPage();
  await signIn(primary, 'wanjiru.kamau@kijiji-health.example');
  await expect(primary).toHaveURL(/\/portal$/);
  await primary.getByRole('link', { name: 'Kijiji Health Systems' }).first().click();
  await expect(primary).toHaveURL(/\/portal\/organizations\/kijiji-health/);
  const colleague = 'baraka.otieno@kijiji-health.example';
  await primary.getByLabel('Name', { exact: true }).fill('Baraka Otieno');
  await primary.getByLabel('E-mail address').fill(colleague);
  await primary.locator('#invite ~ form').getByLabel('Communications').check();
  await primary.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(primary.getByRole('status')).toContainText('The invitation is on its way');
  await expect(primary.locator('.contacts')).toContainText('Baraka Otieno');
  await primary.screenshot({ path: testInfo.outputPath('record.png'), fullPage: true });

  let link = null;
  const deadline = Date.now() + 15_000;
  while (!link && Date.now() < deadline) {
    const mail = messages().filter((m) => m.to.includes(colleague));
    const found = mail.map((m) => m.text.match(/https?:\/\/\S+\/sign-in\/link\?token=[0-9a-f]{64}&next=[^\s"<>]+/)).find(Boolean);
    if (found) link = found[0];
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(link, 'an invitation with a sign-in link').toBeTruthy();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/portal\/organizations\/kijiji-health$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijiji Health Systems');
  await context.close();
});
