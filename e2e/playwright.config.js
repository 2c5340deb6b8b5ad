// Browser tests run against a real `opo serve` on a fresh SQLite database (or the PostgreSQL database in
// E2E_DATABASE_URL), in Debian's Chromium: no browser is ever downloaded.
const { defineConfig } = require('@playwright/test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const port = Number(process.env.E2E_PORT || 18080);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opo-e2e-'));
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
  webServer: {
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
    },
  },
});
