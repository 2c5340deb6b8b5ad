// A partner writes a story and consents to be featured; the secretariat publishes it; the public reads it.
const { test, expect } = require('@playwright/test');
const { signIn } = require('./mailbox');

test('a partner story goes from draft to the public news', async ({ browser }) => {
  const title = `A district that reports on time ${Date.now()}`;
  const partner = await (await browser.newContext()).newPage();
  await signIn(partner, 'wanjiru.kamau@kijiji-health.example');
  await expect(partner).toHaveURL(/\/portal$/);
  await partner.getByRole('link', { name: "Your organization's record" }).click();
  await partner.getByRole('link', { name: /^Posts about/ }).click();
  await partner.getByRole('link', { name: 'Write a post' }).click();
  await partner.getByLabel('Kind of post', { exact: true }).selectOption('impact-story');
  await partner.getByLabel('Title', { exact: true }).fill(title);
  await partner.getByLabel('Summary (one or two sentences)').fill('Monthly reports now arrive before the deadline.');
  await partner.getByLabel('Text (Markdown)').fill('It started with **one clinic** and a shared register.');
  await partner.getByLabel('We consent to be featured in this kind of post.').check();
  await partner.getByRole('button', { name: 'Send to the secretariat' }).click();
  await expect(partner.getByRole('cell', { name: title })).toBeVisible();
  await expect(partner.getByRole('row', { name: new RegExp(title) })).toContainText('Draft');

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, 'secretariat@portal.example');
  await staff.goto('/secretariat/posts');
  await staff.getByRole('link', { name: title }).click();
  await expect(staff.getByText(/has consented to be featured in this kind of post \(Impact story\)/)).toBeVisible();
  await staff.getByRole('button', { name: 'Publish' }).click();
  await expect(staff.getByRole('button', { name: 'Take back to draft' })).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/news');
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(visitor.locator('.prose strong')).toHaveText('one clinic');
});
