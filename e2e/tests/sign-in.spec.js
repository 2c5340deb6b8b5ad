// People sign in with a link read from the real SMTP server's mailbox, land on their home, and sign out.
const { test, expect } = require('@playwright/test');
const { messages, signInLink } = require('./mailbox');

const people = [
  { email: 'secretariat@portal.example', home: '/secretariat', heading: 'Secretariat' },
  { email: 'chair@portal.example', home: '/committee', heading: 'Committee' },
  { email: 'admin@portal.example', home: '/admin', heading: 'Administration' },
];

for (const person of people) {
  test(`${person.email} signs in with an e-mailed link and signs out`, async ({ page }, testInfo) => {
    const before = messages().filter((m) => m.to.includes(person.email)).length;
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail address').first().fill(person.email);
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

    const link = await signInLink(person.email, before);
    await page.goto(link);
    // Opening the link alone signs nobody in: a button posts it.
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(new RegExp(`${person.home}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.heading);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'opo_session');
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('You are signed out.')).toBeVisible();
    await page.goto(person.home);
    await expect(page.getByRole('heading', { name: 'Please sign in' })).toBeVisible();

    // The same link does not work twice.
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(/used already or has expired/)).toBeVisible();
  });
}

test('a wrong address on the sign-in form is shown with what was typed', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').first().fill('not an address');
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('alert')).toContainText('enter the e-mail address of your account');
  await expect(page.getByLabel('E-mail address').first()).toHaveValue('not an address');
});
