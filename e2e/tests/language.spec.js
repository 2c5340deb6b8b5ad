// A visitor switches the site to another language; it stays switched and stays accessible.
const { test, expect } = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');
const fs = require('node:fs');
const path = require('node:path');

// The text of a message in a translation file, so the test follows the translations.
function message(locale, id) {
  const file = fs.readFileSync(path.join(__dirname, '..', '..', 'crates', 'opo-web', 'locales', `${locale}.ftl`), 'utf8');
  const line = file.split('\n').find((l) => l.startsWith(`${id} = `));
  return line.slice(id.length + 3);
}

test('the language switcher changes every page, and the choice is remembered', async ({ page }) => {
  await page.goto('/partners');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel(message('en', 'language-label')).selectOption('fr');
  await page.getByRole('button', { name: message('en', 'language-button') }).click();
  await expect(page).toHaveURL(/\/partners$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('fr', 'directory-heading'));
  await page.getByRole('navigation', { name: message('fr', 'nav-main') }).getByRole('link', { name: message('fr', 'nav-map'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('fr', 'map-title'));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
});

test('a browser that prefers Portuguese gets Portuguese', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('pt', 'landing-heading'));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
  await context.close();
});

test('a partner translates its profile: French visitors read it, Spanish visitors read the marked original', async ({ browser }) => {
  const { signIn } = require('./mailbox');
  const staff = await browser.newContext();
  const sami = await staff.newPage();
  await signIn(sami, 'secretariat@portal.example');
  await sami.goto('/partners');
  const profileUrl = await sami.locator('.card h2 a').first().getAttribute('href');
  const slug = profileUrl.split('/').pop();
  await sami.goto(`/portal/organizations/${slug}/translations`);
  await expect(sami.getByRole('heading', { level: 1 })).toHaveText(message('en', 'translations-title'));
  const french = 'Une organisation partenaire qui forme les équipes de santé de district.';
  await sami.locator('#short_description_fr').fill(french);
  await sami.getByRole('button', { name: message('en', 'translations-save') }).click();
  await expect(sami.getByRole('status')).toHaveText(message('en', 'translations-saved'));
  await staff.close();

  const fr = await browser.newContext({ locale: 'fr-FR' });
  const reader = await fr.newPage();
  await reader.goto(profileUrl);
  await expect(reader.locator('.lead')).toHaveText(french);
  await expect(reader.locator('.lead')).not.toHaveAttribute('lang', /.*/);
  await fr.close();

  const es = await browser.newContext({ locale: 'es-ES' });
  const visitor = await es.newPage();
  await visitor.goto(profileUrl);
  await expect(visitor.locator('html')).toHaveAttribute('lang', 'es');
  await expect(visitor.locator('.lead')).toHaveAttribute('lang', 'en');
  const results = await new AxeBuilder({ page: visitor }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
  await es.close();
});
