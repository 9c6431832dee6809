// End-to-end check of the Stoker console in Debian's Chromium, driven by playwright-core.
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... npm run e2e
//   npm run e2e:self-test             (builds, then runs under vite-node against e2e/mock-stoker.mjs serving dist/)
//
// Environment: STOKER_URL, STOKER_ADMIN_USER (default admin), STOKER_ADMIN_PASSWORD,
// CHROMIUM (default /usr/bin/chromium), E2E_HEADFUL=1 to watch; for the environments flow
// E2E_ENV_NAME (default e2e-gw), E2E_ENV_VERSION (default 8.3.4), E2E_ENV_IMAGE (default: the
// adapter's image), E2E_RUNNING_TIMEOUT_S (default 180), E2E_UPGRADE_VERSION (default: a newer version the
// platform lists, if any; `none` skips the upgrade).
// Signs in as admin, visits every page, creates a viewer and an API token, stores the gateway API token
// (secret ignition/api-token) and creates an environment that gets it, watches its progress bar reach
// RUNNING, reads its log, its memory and CPU charts and its status timeline, finds it up in the fleet view,
// saves and deletes an alert rule in the editor (a bad threshold refused at its field), searches the logs, backs it up (with the API
// token secret), restores that backup and upgrades it to another listed version, creates a secret and rotates it (the
// value never shows in the page), creates a project, imports two revisions and reads their diff,
// branches, imports conflicting changes on both branches, merges and resolves the conflict, cuts a
// release and downloads its export; generates a change summary with the template writer, flags an invented
// path in it, reviews, accepts the finding and signs it (console-documents.mjs); signs in as the viewer and checks that nothing that changes
// state is offered, checks tablet width, then cleans up: revokes the token, deletes the viewer and
// the project, stops the environment and destroys it with its volume, and puts the API token secret
// back as it was.
// Fails on any browser console error. Screenshots go to web/target/screenshots/. The environment and project
// steps live in console-environments.mjs and console-projects.mjs; this file runs every part in order.
import { randomBytes } from 'node:crypto';
import { documentSteps } from './console-documents.mjs';
import { environmentSteps, waitForState } from './console-environments.mjs';
import { monitoringSteps } from './console-monitoring.mjs';
import { projectSteps } from './console-projects.mjs';
import { errors, expect, launchBrowser, newPage as openPage, sessionToken, settle, shot, signIn, SHOTS, step, steps } from './support.mjs';
const selfTest = process.argv.includes('--self-test') || process.env.E2E_SELF_TEST === '1';
const CHANGE_BUTTONS = /^(create|delete|revoke|edit|save|verify again|start|stop|restart|destroy|remove|upgrade|back up|restore|new environment|new project|new secret|import|rotate|roll back|set a new value|commit|abandon)/i;
const CHANGE_LINKS = /^(new environment|create the first environment|new secret|create a secret here|new project|merge branches|import|import a project export)$/i;
const ENV_NAME = process.env.E2E_ENV_NAME ?? 'e2e-gw';
const ENV_VERSION = process.env.E2E_ENV_VERSION ?? '8.3.4';
const ENV_IMAGE = process.env.E2E_ENV_IMAGE ?? '';
const RUNNING_TIMEOUT_MS = Number(process.env.E2E_RUNNING_TIMEOUT_S ?? 180) * 1000;

let mock;
let base = process.env.STOKER_URL;
let adminUser = process.env.STOKER_ADMIN_USER ?? 'admin';
let adminPassword = process.env.STOKER_ADMIN_PASSWORD;
if (selfTest) {
  const { startMockStoker } = await import('./mock-stoker.mjs');
  mock = await startMockStoker();
  base = mock.url;
  adminUser = 'admin';
  adminPassword = mock.adminPassword;
}
if (!base || !adminPassword) {
  console.error('Set STOKER_URL and STOKER_ADMIN_PASSWORD (or pass --self-test).');
  process.exit(2);
}
base = base.replace(/\/+$/, '');
const consoleUrl = (path = '') => `${base}/console/${path.replace(/^\//, '')}`;

const stamp = Date.now().toString(36);
const viewerName = `e2e-viewer-${stamp}`;
const viewerPassword = `viewer-pass-${stamp}-long`;
const tokenName = `e2e token ${stamp}`;
const secretPath = `e2e/${stamp}/db-password`;
const licensePath = `e2e/${stamp}/licence`;
const secretValues = [`e2e-first-${stamp}-Zq9`, `e2e-second-${stamp}-Xw4`, `E2E-LICENCE-${stamp}`];
const projectName = `e2e-${stamp}`;
const featureBranch = 'e2e-feature';
const releaseName = `e2e-${stamp}`;
// The gateway's API key for live metrics: Stoker finds it as this secret along the environment's scopes;
// the emulator accepts it when given as EMULATOR_API_KEYS (name:secret).
const API_TOKEN_PATH = 'ignition/api-token';
const apiTokenValue = `e2e:${randomBytes(12).toString('hex')}`;
// never to be seen in the console either
secretValues.push(apiTokenValue);

const browser = await launchBrowser();
const newPage = (label) => openPage(browser, label);

async function changeButtons(page) {
  const names = await page.getByRole('button').evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('aria-label') || e.textContent.trim()));
  const links = await page.getByRole('link', { name: CHANGE_LINKS }).evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => `link "${e.textContent.trim()}"`));
  return [...names.filter((n) => CHANGE_BUTTONS.test(n)), ...links];
}




/** Walks a paginated list until `locator` shows (new entries may sit on a later page). */
async function findOnPages(page, locator, heading) {
  for (let i = 0; i < 50 && (await locator.count()) === 0; i++) {
    const next = page.getByRole('button', { name: 'Next' });
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    await next.click();
    await settle(page, heading);
  }
  await locator.first().waitFor({ timeout: 5_000 });
}

/** Neither the page's markup nor any field holds one of the secret values. */
async function expectNoSecretValues(page) {
  const html = await page.content();
  const fields = await page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n'));
  for (const v of secretValues) expect(!html.includes(v) && !fields.includes(v), `a secret value shows on ${page.url()}`);
}

const localInput = (date) => {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

const PAGES = [
  ['', 'Dashboard', 'dashboard'],
  ['platforms', 'Platforms', 'platforms'],
  ['audit', 'Audit log', 'audit'],
  ['users', 'Users', 'users'],
  ['tokens', 'API tokens', 'tokens'],
  ['environments', 'Environments', 'environments'],
  ['fleet', 'Fleet', 'fleet'],
  ['alerts', 'Alerts', 'alerts'],
  ['logs', 'Logs', 'logs'],
  ['projects', 'Projects', 'projects'],
  ['secrets', 'Secrets', 'secrets'],
];
/** Pages a viewer is told they may not see. */
const NOT_FOR_VIEWERS = ['users', 'audit', 'secrets'];

let exitCode = 0;
let tokenSecret;
let envUrl;
let diffUrl;
let mergeUrl;
let defaultBranch = 'main';
/** the version of ignition/api-token before the run (restored at the end), null when there was none */
let apiTokenBefore;
try {
  const admin = await newPage('admin');
  const page = admin.page;

  await step('a deep link without a session goes to sign-in and back', async () => {
    await page.goto(consoleUrl('users'));
    await page.waitForURL(/\/console\/signin\?next=%2Fusers/);
    await shot(page, '00-signin');
    await signIn(page, adminUser, adminPassword);
    await page.waitForURL(/\/console\/users$/);
    await settle(page, 'Users');
  });

  await step('/console redirects to /console/', async () => {
    const res = await page.request.get(`${base}/console`, { maxRedirects: 0 });
    expect([301, 302, 303, 307, 308].includes(res.status()), `status ${res.status()}`);
    expect(/\/console\/$/.test(res.headers().location ?? ''), `location ${res.headers().location}`);
  });

  await step('admin visits every page', async () => {
    for (const [path, heading, name] of PAGES) {
      await page.goto(consoleUrl(path));
      await settle(page, heading);
      await shot(page, `admin-${name}`);
    }
  });

  await step('a reload keeps the deep link', async () => {
    await page.goto(consoleUrl('audit'));
    await settle(page, 'Audit log');
    await page.reload();
    await settle(page, 'Audit log');
    await page.getByText(/Chain intact|Chain broken/).waitFor();
  });

  await step('admin creates a viewer', async () => {
    await page.goto(consoleUrl('users'));
    await settle(page, 'Users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('User name').fill(viewerName);
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByLabel('Initial password').fill('short');
    await form.getByText('At least 12 characters (7 more).').waitFor();
    await form.getByLabel('Initial password').fill(viewerPassword);
    await shot(page, 'admin-users-create');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`User ${viewerName} created with the viewer role.`).waitFor();
  });

  await step('admin creates an API token and it works', async () => {
    await page.goto(consoleUrl('tokens'));
    await settle(page, 'API tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Name').fill(tokenName);
    await form.getByLabel('Expires').selectOption('30');
    await form.getByRole('button', { name: 'Create token' }).click();
    tokenSecret = (await page.getByTestId('token-secret').textContent()).trim();
    expect(tokenSecret.startsWith('stk_'), `unexpected token ${tokenSecret.slice(0, 8)}…`);
    await shot(page, 'admin-tokens-secret');
    const me = await page.request.get(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${tokenSecret}` } });
    expect(me.ok(), `token rejected: ${me.status()}`);
    expect((await me.json()).username === adminUser, 'token acts as someone else');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('button', { name: `Revoke ${tokenName}` }).waitFor();
  });


  await step(`admin stores the gateway API token as the secret ${API_TOKEN_PATH} (workspace)`, async () => {
    const token = await sessionToken(page);
    const headers = { Authorization: `Bearer ${token}` };
    const before = await page.request.get(`${base}/api/v1/secrets/metadata?${new URLSearchParams({ scope: 'workspace', path: API_TOKEN_PATH })}`, { headers });
    expect(before.status() === 200 || before.status() === 404, `reading ${API_TOKEN_PATH}: HTTP ${before.status()}`);
    apiTokenBefore = before.status() === 200 ? (await before.json()).version : null;
    const res = await page.request.post(`${base}/api/v1/secrets`, { headers, data: { scope: 'workspace', path: API_TOKEN_PATH, type: 'api_token', value: apiTokenValue } });
    expect(res.status() === 201, `storing ${API_TOKEN_PATH}: HTTP ${res.status()} ${await res.text()}`);
    if (apiTokenBefore) console.log(`     ${API_TOKEN_PATH} existed (version ${apiTokenBefore}); it is rolled back at the end`);
  });

  const ctx = { API_TOKEN_PATH, apiTokenValue, ENV_IMAGE, ENV_NAME, ENV_VERSION, RUNNING_TIMEOUT_MS, adminUser, base, consoleUrl, featureBranch, page, projectName, releaseName, envUrl, diffUrl, mergeUrl, defaultBranch };
  await environmentSteps(ctx);
  envUrl = ctx.envUrl;
  await monitoringSteps(ctx);

  await step('admin creates a secret, sets a new value, rotates and rolls it back; values never show', async () => {
    await page.goto(consoleUrl('secrets'));
    await settle(page, 'Secrets');
    await page.getByRole('link', { name: 'New secret' }).click();
    await settle(page, 'New secret');
    const form = page.getByRole('form', { name: 'Secret' });
    await form.getByLabel('Scope').selectOption('WORKSPACE');
    await form.getByLabel('Path').fill('e2e//bad');
    await form.getByText("Segments separated by single '/', none empty.").waitFor();
    await form.getByLabel('Path').fill(secretPath);
    await form.getByLabel('Type').selectOption('PASSWORD');
    await form.getByLabel('Value').fill(secretValues[0]);
    expect((await form.getByLabel('Value').getAttribute('type')) === 'password', 'the value field is not a password field');
    await form.getByLabel('Rotate every (days, optional)').fill('90');
    await shot(page, 'secret-01-create');
    await form.getByRole('button', { name: 'Create secret' }).click();
    await page.waitForURL(/\/console\/secrets\/view\?/);
    await settle(page, secretPath);
    await page.getByText(/created \(version 1\)/).waitFor();
    await expectNoSecretValues(page);
    await shot(page, 'secret-02-detail');

    const actions = page.getByRole('group', { name: 'Secret actions' });
    await actions.getByRole('button', { name: 'Set a new value' }).click();
    const newValue = page.getByRole('form', { name: 'New value' });
    await newValue.getByLabel('Value').fill(secretValues[1]);
    await newValue.getByRole('button', { name: 'Save new value' }).click();
    await page.getByText('New value saved as version 2. It is not shown.').waitFor();
    await expectNoSecretValues(page);

    await actions.getByRole('button', { name: 'Rotate now…' }).click();
    const rotate = page.getByRole('dialog', { name: `Rotate ${secretPath} now?` });
    await shot(page, 'secret-03-rotate-confirm');
    await rotate.getByRole('button', { name: 'Rotate now' }).click();
    await page.getByText(/Rotated: version 3 holds a newly generated value/).waitFor();

    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByRole('dialog', { name: 'Roll back to version 1?' }).getByRole('button', { name: 'Roll back' }).click();
    await page.getByText('Rolled back: version 4 has the value of version 1.').waitFor();
    await page.getByRole('region', { name: 'Versions' }).getByText('rolled-back').waitFor();
    await expectNoSecretValues(page);
    await shot(page, 'secret-04-versions');
  });

  await step('a secret expiring within 30 days carries a badge in the list', async () => {
    await page.goto(consoleUrl('secrets/new?scope=workspace'));
    await settle(page, 'New secret');
    const form = page.getByRole('form', { name: 'Secret' });
    await form.getByLabel('Path').fill(licensePath);
    await form.getByLabel('Type').selectOption('LICENSE_KEY');
    await form.getByLabel('Value').fill(secretValues[2]);
    await form.getByLabel('Expires (optional)').fill(localInput(new Date(Date.now() + 10 * 24 * 3600 * 1000)));
    await form.getByRole('button', { name: 'Create secret' }).click();
    await page.waitForURL(/\/console\/secrets\/view\?/);
    await settle(page, licensePath);
    await page.goto(consoleUrl('secrets?scope=workspace&limit=100'));
    await settle(page, 'Secrets');
    const link = page.getByRole('link', { name: licensePath, exact: true });
    await findOnPages(page, link, 'Secrets');
    const row = page.getByRole('row').filter({ has: link });
    await row.getByText(/Expires in (9|10) days/).waitFor();
    const other = page.getByRole('row').filter({ has: page.getByRole('link', { name: secretPath, exact: true }) });
    await other.getByText('No expiry').waitFor();
    await expectNoSecretValues(page);
    await shot(page, 'secret-05-list-badges');
  });

  await step('admin deletes the e2e secrets (with confirmations)', async () => {
    for (const path of [licensePath, secretPath]) {
      await page.goto(consoleUrl(`secrets/view?${new URLSearchParams({ scope: 'workspace', path })}`));
      await settle(page, path);
      await page.getByRole('group', { name: 'Secret actions' }).getByRole('button', { name: 'Delete…' }).click();
      await page.getByRole('dialog', { name: `Delete ${path}?` }).getByRole('button', { name: 'Delete secret' }).click();
      await page.getByText(`Secret ${path} deleted with all its versions.`).waitFor();
    }
  });

  await projectSteps(ctx);
  ({ diffUrl, mergeUrl, defaultBranch } = ctx);
  await documentSteps(ctx);


  await step('admin signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/signin$/);
  });

  await step('the viewer sees no button that changes anything', async () => {
    await signIn(page, viewerName, viewerPassword);
    await settle(page, 'Dashboard');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect((await nav.getByRole('link', { name: 'Users' }).count()) === 0, 'viewer sees Users in the navigation');
    expect((await nav.getByRole('link', { name: 'Audit log' }).count()) === 0, 'viewer sees the audit log in the navigation');
    for (const [path, heading, name] of PAGES) {
      await page.goto(consoleUrl(path));
      const expected = NOT_FOR_VIEWERS.includes(path) ? 'Not allowed' : heading;
      await settle(page, expected);
      const offending = await changeButtons(page);
      expect(offending.length === 0, `viewer sees ${offending.join(', ')} on /${path}`);
      await shot(page, `viewer-${name}`);
    }
    await page.goto(envUrl.replace(/\?.*$/, ''));
    await settle(page, ENV_NAME);
    await page.getByRole('region', { name: 'State' }).waitFor();
    const offending = await changeButtons(page);
    expect(offending.length === 0, `viewer sees ${offending.join(', ')} on the environment page`);
    expect((await page.getByRole('group', { name: 'Environment actions' }).count()) === 0, 'viewer sees environment actions');
    await shot(page, 'viewer-environment');
  });

  await step('the viewer reads the project, its diff and merge, with no control that changes anything', async () => {
    for (const [path, heading, name] of [
      [`projects/${projectName}`, projectName, 'project-history'],
      [`projects/${projectName}?tab=browse`, projectName, 'project-browse'],
      [`projects/${projectName}?tab=import`, projectName, 'project-import-fallback'],
      [`projects/${projectName}?tab=branches`, projectName, 'project-branches'],
      [`projects/${projectName}?tab=releases`, projectName, 'project-releases'],
      [`projects/${projectName}?tab=documents`, projectName, 'project-documents'],
      [`projects/${projectName}?tab=search`, projectName, 'project-search'], // asks nothing until searched: no 503 without stoker-search
      [new URL(ctx.documentUrl).pathname.replace(/^\/console\//, ''), /^Change summary/, 'document'],
      [new URL(diffUrl).pathname.replace(/^\/console\//, '') + new URL(diffUrl).search, `Changes in ${projectName}`, 'project-diff'],
      [new URL(mergeUrl).pathname.replace(/^\/console\//, ''), `Merge ${featureBranch} into ${defaultBranch}`, 'merge'],
    ]) {
      await page.goto(consoleUrl(path));
      await settle(page, heading);
      await page.waitForFunction(() => !document.querySelector('.state-loading'));
      const offending = await changeButtons(page);
      expect(offending.length === 0, `viewer sees ${offending.join(', ')} on /${path}`);
      await shot(page, `viewer-${name}`);
    }
    // still on the merge: its conflicts are shown without choices
    await page.getByTestId('conflict').first().waitFor();
    expect((await page.getByRole('radio').count()) === 0, 'viewer sees resolution choices');
    await page.goto(consoleUrl(`projects/${projectName}`));
    await settle(page, projectName);
    const tabs = await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link').allTextContents();
    expect(!tabs.includes('Import'), 'viewer sees the Import section');
  });

  await step('works at tablet width (768px)', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const envPath = new URL(envUrl).pathname.replace(/^\/console\//, '');
    const diffPath = new URL(diffUrl).pathname.replace(/^\/console\//, '') + new URL(diffUrl).search;
    for (const [path, heading, name] of [
      ['', 'Dashboard', 'dashboard'],
      ['platforms', 'Platforms', 'platforms'],
      ['tokens', 'API tokens', 'tokens'],
      ['environments', 'Environments', 'environments'],
  ['fleet', 'Fleet', 'fleet'],
  ['alerts', 'Alerts', 'alerts'],
  ['logs', 'Logs', 'logs'],
      [envPath, ENV_NAME, 'environment'],
      ['projects', 'Projects', 'projects'],
      [`projects/${projectName}`, projectName, 'project'],
      [`projects/${projectName}?tab=browse`, projectName, 'project-browse'],
      [diffPath, `Changes in ${projectName}`, 'project-diff'],
      [new URL(mergeUrl).pathname.replace(/^\/console\//, ''), `Merge ${featureBranch} into ${defaultBranch}`, 'merge'],
    ]) {
      await page.goto(consoleUrl(path));
      await settle(page, heading);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 0, `/${path} overflows by ${overflow}px at 768px`);
      await shot(page, `tablet-viewer-${name}`);
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/signin$/);
  });

  await step('admin revokes the token and deletes the viewer (with confirmations)', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(consoleUrl('users'));
    await page.waitForURL(/\/console\/signin/);
    await signIn(page, adminUser, adminPassword);
    await settle(page, 'Users');
    await shot(page, 'tablet-admin-users');
    await page.goto(consoleUrl('tokens'));
    await settle(page, 'API tokens');
    await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText(`Token "${tokenName}" revoked.`).waitFor();
    const after = await page.request.get(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${tokenSecret}` } });
    expect(after.status() === 401, `revoked token still answers ${after.status()}`);

    await page.goto(consoleUrl('users'));
    await settle(page, 'Users');
    // The new user may be on a later page; walk the pages until the row shows.
    for (let i = 0; i < 50 && (await page.getByRole('button', { name: `Delete ${viewerName}` }).count()) === 0; i++) {
      const next = page.getByRole('button', { name: 'Next' });
      if (await next.isDisabled()) break;
      await next.click();
      await settle(page, 'Users');
    }
    await page.getByRole('button', { name: `Delete ${viewerName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${viewerName}?` });
    await shot(page, 'admin-users-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete user' }).click();
    await page.getByText(`User ${viewerName} deleted.`).waitFor();
  });


  await step(`admin removes the project ${projectName} (API, admin only)`, async () => {
    const token = await sessionToken(page);
    const res = await page.request.delete(`${base}/api/v1/projects/${projectName}`, { headers: { Authorization: `Bearer ${token}` } });
    if (res.status() !== 204) console.log(`     could not delete ${projectName}: HTTP ${res.status()} (left in place)`);
  });

  await step(`admin stops ${ENV_NAME} (with confirmation)`, async () => {
    await page.goto(envUrl.replace(/\?.*$/, ''));
    await settle(page, ENV_NAME);
    await waitForState(page, 'Running', 10_000);
    const actions = page.getByRole('group', { name: 'Environment actions' });
    await actions.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Stop ${ENV_NAME}?` });
    await shot(page, 'env-06-stop-confirm');
    await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Stopping' }).waitFor({ timeout: 15_000 });
    await waitForState(page, 'Stopped', 90_000);
    await actions.getByRole('button', { name: 'Start', exact: true }).waitFor();
    // the timeline has the stop on top (under the current state), and the charts are gone
    const items = page.getByRole('region', { name: 'Status timeline' }).getByRole('listitem');
    await items.first().filter({ hasText: 'Now Stopped' }).waitFor({ timeout: 15_000 });
    await items.nth(1).filter({ hasText: 'Stopped' }).filter({ hasText: `by ${adminUser}` }).waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: 'Monitoring' }).getByText('No live metrics').waitFor();
    await shot(page, 'env-07-stopped');
  });

  await step(`admin destroys ${ENV_NAME} with its volume (with confirmation)`, async () => {
    await page.getByRole('button', { name: 'Destroy…' }).click();
    const dialog = page.getByRole('dialog', { name: `Destroy ${ENV_NAME}?` });
    await dialog.getByRole('radio', { name: /Delete the data volume/ }).check();
    await shot(page, 'env-08-destroy-confirm');
    await dialog.getByRole('button', { name: 'Destroy environment' }).click();
    await page.getByRole('progressbar', { name: /Destroying/ }).waitFor({ timeout: 15_000 });
    await waitForState(page, 'Destroyed', 90_000);
    await page.getByText('This environment was destroyed.').waitFor();
    await shot(page, 'env-09-destroyed');
    await page.goto(consoleUrl('environments'));
    await settle(page, 'Environments');
    expect((await page.getByRole('link', { name: ENV_NAME, exact: true }).count()) === 0, `${ENV_NAME} still listed after destroy`);
    await shot(page, 'env-10-list-after');
  });

  await step(`admin puts ${API_TOKEN_PATH} back as it was`, async () => {
    const token = await sessionToken(page);
    const headers = { Authorization: `Bearer ${token}` };
    const res = apiTokenBefore
      ? await page.request.post(`${base}/api/v1/secrets/rollback`, { headers, data: { scope: 'workspace', path: API_TOKEN_PATH, version: apiTokenBefore } })
      : await page.request.delete(`${base}/api/v1/secrets?${new URLSearchParams({ scope: 'workspace', path: API_TOKEN_PATH })}`, { headers });
    expect(res.ok(), `${apiTokenBefore ? 'rolling back' : 'deleting'} ${API_TOKEN_PATH}: HTTP ${res.status()}`);
  });

  await admin.context.close();
  expect(errors.length === 0, `browser console errors:\n  ${errors.join('\n  ')}`);
  steps.push('ok   no browser console errors');
} catch (e) {
  exitCode = 1;
  if (errors.length) console.error(`browser console errors:\n  ${errors.join('\n  ')}`);
  if (!steps.at(-1)?.startsWith('FAIL')) console.error(e.message);
} finally {
  await browser.close();
  await mock?.close();
}
console.log(`\n${steps.join('\n')}\nscreenshots: ${SHOTS}\n${exitCode ? 'E2E FAILED' : 'E2E PASSED'}`);
process.exit(exitCode);
