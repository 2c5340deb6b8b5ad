// One organization walks through every step of the program with four people — the applicant, the
// secretariat and two committee members — each reading their e-mail from the real SMTP server, until the
// partner is on the landing page and in the directory and its announcement in the news feed.
const { test, expect } = require('@playwright/test');
const { messages, signIn } = require('./mailbox');
const { audit } = require('./audit');

const ORG = 'Sahel Data Lab';
const APPLICANT = 'awa.traore@sahel-data.example';
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">'
  + '<rect width="240" height="120" fill="#0b6e69"/><circle cx="60" cy="60" r="40" fill="#ffffff"/></svg>';

// Waits for a message to `to` whose subject matches, and returns it.
async function mailTo(to, subject, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = messages().filter((m) => m.to.includes(to) && subject.test(m.text));
    if (found.length) return found[found.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no message to ${to} matching ${subject}`);
}

function link(message, path) {
  const match = message.text.match(new RegExp(`https?://\\S+${path}`));
  if (!match) throw new Error(`no link to ${path} in:\n${message.text}`);
  return match[0];
}

test('an organization goes from interest to announcement', async ({ browser }) => {
  test.setTimeout(180_000);
  const person = async () => (await browser.newContext()).newPage();

  // 1. Expression of interest, on the public form.
  const awa = await person();
  await awa.goto('/');
  await awa.getByRole('link', { name: /express interest/i }).first().click();
  await expect(awa.getByRole('heading', { level: 1 })).toHaveText('Become a partner organization');
  await awa.getByLabel('Organization').fill(ORG);
  await awa.getByLabel(/^Website/).fill('https://sahel-data.example');
  await awa.getByLabel('Your name').fill('Awa Traoré');
  await awa.getByLabel('Your e-mail address').fill(APPLICANT);
  await awa.getByLabel(/^Country of headquarters/).selectOption('ML');
  await awa.getByLabel(/^The role you would like to take/).selectOption({ label: 'Implementation support' });
  await awa.getByLabel(/^A short message/).fill('We run district health information systems in Mali.');
  await awa.waitForTimeout(3_500); // a person takes a few seconds; faster is refused as a script
  await awa.getByRole('button', { name: 'Send' }).click();
  await expect(awa.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  const thanks = await mailTo(APPLICANT, /Thank you for your interest/);
  await awa.goto(link(thanks, '/sign-in/link\\?token=[0-9a-f]{64}'));
  await awa.getByRole('button', { name: 'Sign in' }).click();
  await expect(awa).toHaveURL(/\/portal$/);
  await awa.getByRole('link', { name: 'Open the application' }).click();
  await expect(awa.getByText('The secretariat will contact you to set up an intro call.')).toBeVisible();
  const applicationUrl = awa.url();
  const id = applicationUrl.match(/applications\/(\d+)/)[1];

  // 2. The secretariat sets the intro call, records it, and invites the application.
  const sami = await person();
  await mailTo('secretariat@portal.example', new RegExp(`New expression of interest: ${ORG}`));
  await signIn(sami, 'secretariat@portal.example');
  await sami.goto('/secretariat/applications');
  await audit(sami, 'the secretariat board');
  await sami.getByRole('link', { name: ORG }).first().click();
  await audit(sami, 'an application at the secretariat');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await sami.getByLabel('Date').fill(tomorrow);
  await sami.getByLabel('Start time (UTC)').fill('14:30');
  await sami.getByLabel('Length in minutes').fill('45');
  await sami.getByRole('button', { name: 'Schedule the call' }).click();
  const call = await mailTo(APPLICANT, /Intro call on/);
  expect(call.raw).toContain('intro-call.ics');
  await sami.getByLabel('Notes').fill('A good fit for implementation support in West Africa.');
  await sami.getByRole('button', { name: 'Save the notes' }).click();
  await sami.getByRole('button', { name: 'Invite to apply' }).click();
  await mailTo(APPLICANT, /invitation to apply/);

  // 3–4. The applicant fills the form, uploads the logo, signs the agreement, and submits.
  await awa.goto(applicationUrl);
  await awa.getByLabel('Kind of organization').selectOption('ngo');
  await awa.getByLabel(/^Short description/).fill('District health information systems for the Sahel.');
  await awa.getByLabel(/^About the organization/).fill('We **build** and run registries with ministries of health.');
  await awa.getByLabel(/^Statement of support/).fill('We support open standards and will share our registry work with the community.');
  await awa.getByLabel('Title').fill('Director');
  await awa.getByLabel('Client registry').check();
  await awa.getByLabel(/^Countries of work/).selectOption(['ML', 'SN']);
  await awa.getByRole('button', { name: 'Save the draft' }).click();
  await expect(awa.getByText(/Draft saved/)).toBeVisible();
  await awa.getByLabel(/^Upload the logo/).setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) });
  await awa.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(awa.getByAltText('Your logo on a dark background')).toBeVisible();
  await audit(awa, 'the application form');
  await awa.getByRole('link', { name: 'Read and sign the agreement' }).click();
  await audit(awa, 'the agreement to sign');
  await awa.getByLabel('Your title').fill('Director');
  await awa.getByLabel(/I have read this agreement/).check();
  await awa.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(awa.getByText(/Signed by Awa Traoré/)).toBeVisible();
  const signed = await mailTo(APPLICANT, /Partner agreement signed/);
  const certificate = await person();
  await certificate.goto(link(signed, '/agreements/[0-9A-Z-]{19}'));
  await expect(certificate.getByText('Certificate of completion')).toBeVisible();
  await audit(certificate, 'the certificate');
  await awa.getByRole('button', { name: 'Submit the application' }).click();
  await expect(awa.getByText('Application submitted').first()).toBeVisible();
  await mailTo(APPLICANT, /We received the application/);

  // 5. The secretariat passes it on; one committee member asks a question, the applicant answers,
  // both members approve, and the secretariat records the decision.
  await sami.goto(`/secretariat/applications/${id}`);
  await sami.getByRole('button', { name: 'Send to the committee' }).click();
  const chidi = await person();
  const review = await mailTo('chair@portal.example', /Please review the application/);
  await signIn(chidi, 'chair@portal.example');
  await chidi.goto(link(review, `/committee/applications/${id}`));
  await audit(chidi, "the committee's review");
  await chidi.getByRole('textbox', { name: 'Question' }).fill('Which ministries do you work with today?');
  await chidi.getByRole('button', { name: 'Send the question' }).click();

  const question = await mailTo(APPLICANT, /A question about the application/);
  expect(question.text).toContain('Which ministries do you work with today?');
  await awa.goto(applicationUrl);
  await awa.getByLabel('Your answer').fill('The Ministry of Health of Mali and its district teams.');
  await awa.getByRole('button', { name: 'Send the answer' }).click();
  await expect(awa.getByText('The Operational Committee is reviewing your application.')).toBeVisible();

  await mailTo('chair@portal.example', /answered the committee's question/);
  for (const [page, email] of [[chidi, 'chair@portal.example'], [await person(), 'member@portal.example']]) {
    if (email === 'member@portal.example') await signIn(page, email);
    await page.goto(`/committee/applications/${id}`);
    await page.getByRole('radio', { name: 'Approve' }).check();
    await page.getByLabel('Comment (optional)').first().fill('Strong registry experience.');
    await page.getByRole('button', { name: 'Cast the vote' }).click();
    await expect(page.getByText(/You voted/i).first()).toBeVisible();
  }

  await sami.goto(`/secretariat/applications/${id}`);
  await sami.getByRole('radio', { name: 'Approve' }).check();
  await sami.getByLabel('Reason, as the applicant will read it').first().fill('Strong registry experience across the Sahel.');
  await sami.getByRole('button', { name: 'Record the decision' }).click();
  await mailTo(APPLICANT, /is approved as a/);
  await sami.getByRole('button', { name: 'Draft the partner page' }).click();

  // 6. The applicant reviews the page, proposes a change, and approves that version.
  const ready = await mailTo(APPLICANT, /Please review the partner page/);
  await awa.goto(link(ready, `/portal/applications/${id}`));
  await awa.getByRole('link', { name: 'Review your partner page' }).click();
  await expect(awa.getByRole('heading', { level: 1, name: ORG, exact: true })).toBeVisible();
  await audit(awa, 'the partner page under review');
  await awa.getByText('Propose changes (saved as a new version)').click();
  await awa.getByLabel('Short description').fill('Registries and district health data across the Sahel.');
  await awa.getByLabel('What you changed').fill('A clearer summary');
  await awa.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(awa.getByRole('heading', { name: new RegExp(`${ORG}, version 2`) })).toBeVisible();
  await awa.getByRole('button', { name: 'Compare' }).click();
  await expect(awa.getByRole('cell', { name: 'Changed' }).first()).toBeVisible();
  await audit(awa, 'two versions compared');
  await awa.goBack();
  await awa.getByRole('button', { name: 'Approve version 2' }).click();

  // 7. The secretariat announces; the public sees the partner and the news.
  await mailTo('secretariat@portal.example', /approved version 2/);
  await sami.goto(`/secretariat/applications/${id}`);
  await sami.getByRole('button', { name: 'Announce' }).click();
  await mailTo(APPLICANT, /is now a .* partner organization/);

  const visitor = await person();
  await visitor.goto('/');
  await expect(visitor.locator(`a[href="/partners/sahel-data-lab"]`).first()).toBeVisible();
  await visitor.goto('/partners?q=Sahel');
  await expect(visitor.getByRole('link', { name: new RegExp(ORG) }).first()).toBeVisible();
  await visitor.goto('/partners/sahel-data-lab');
  await expect(visitor.getByText('Registries and district health data across the Sahel.').first()).toBeVisible();
  const feed = await (await visitor.request.get('/feeds/news.atom')).text();
  expect(feed).toContain(`Welcome to ${ORG}`);
});
