// Reads what the test SMTP server (aiosmtpd with its Mailbox handler) received.
const fs = require('node:fs');
const path = require('node:path');

function decodeQuotedPrintable(text) {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

function messages() {
  const dir = path.join(process.env.E2E_MAILDIR, 'new');
  if (!fs.existsSync(dir)) return [];
  // Mailbox names its files "<seconds>.M<microseconds>P<pid>Q<counter>"; the counter gives arrival order.
  const order = (name) => Number((name.match(/Q(\d+)/) || [])[1] || 0);
  return fs.readdirSync(dir)
    .sort((a, b) => order(a) - order(b))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .map((raw) => ({ raw, to: (raw.match(/^To: (.*)$/m) || [])[1] || '', text: decodeQuotedPrintable(raw) }));
}

// Waits for the newest message to `to` that holds a sign-in link, and returns the link.
async function signInLink(to, after = 0, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = messages().filter((m) => m.to.includes(to));
    // Other mail to the same person (a notice sent in the same worker pass) may arrive after the link.
    const links = found
      .slice(after)
      .map((m) => m.text.match(/https?:\/\/\S+\/sign-in\/link\?token=[0-9a-f]{64}/))
      .filter(Boolean);
    if (links.length > 0) return links[links.length - 1][0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sign-in link for ${to} arrived`);
}

module.exports = { messages, signInLink };

// Signs `email` in through the sign-in form and the link it receives.
async function signIn(page, email) {
  const { expect } = require('@playwright/test');
  const before = messages().filter((m) => m.to.includes(email)).length;
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').first().fill(email);
  await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
  await page.goto(await signInLink(email, before));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

module.exports.signIn = signIn;
