// Browser tests run against a real `opo serve` on a fresh SQLite database (or the PostgreSQL database in
// E2E_DATABASE_URL), sending mail to a real SMTP server (aiosmtpd), in Debian's Chromium: no browser is
// ever downloaded.
const { defineConfig } = require('@playwright/test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const port = Number(process.env.E2E_PORT || 18080);
const smtpPort = Number(process.env.E2E_SMTP_PORT || 18025);
// Kept across the config's evaluations (the runner loads it in each worker) through the environment.
process.env.E2E_DATA_DIR = process.env.E2E_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'opo-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;
process.env.E2E_MAILDIR = path.join(dataDir, 'maildir');
const databaseUrl = process.env.E2E_DATABASE_URL || `sqlite://${path.join(dataDir, 'opo.db')}`;
const binary = process.env.OPO_BIN || path.join(__dirname, '..', 'target', 'debug', 'opo');

module.exports = defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: [
    {
      command: `python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c aiosmtpd.handlers.Mailbox "${process.env.E2E_MAILDIR}"`,
      port: smtpPort,
      timeout: 20_000,
      reuseExistingServer: false,
    },
    {
      command: `"${binary}" serve --demo-data empty`,
      url: `http://127.0.0.1:${port}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        DATABASE_URL: databaseUrl,
        OPO_LISTEN: `127.0.0.1:${port}`,
        OPO_BASE_URL: `http://127.0.0.1:${port}`,
        OPO_DATA_DIR: dataDir,
        OPO_SMTP_HOST: '127.0.0.1',
        OPO_SMTP_PORT: String(smtpPort),
        OPO_SMTP_TLS: 'none',
        // The suite signs the same people in from one address many times within a quarter of an hour;
        // the limits themselves are proven at their thresholds by the Rust tests (crates/opo-web/tests/abuse.rs).
        OPO_RATE_LIMITS: 'link-ip=1000,link-email=1000,sign-in-ip=1000',
      },
    },
  ],
});
