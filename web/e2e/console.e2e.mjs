// End-to-end check of the Stoker console in Debian's Chromium, driven by playwright-core.
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... npm run e2e
//   npm run e2e -- --self-test        (against e2e/mock-stoker.mjs serving dist/; run `npm run build` first)
//
// Environment: STOKER_URL, STOKER_ADMIN_USER (default admin), STOKER_ADMIN_PASSWORD,
// CHROMIUM (default /usr/bin/chromium), E2E_HEADFUL=1 to watch; for the environments flow
// E2E_ENV_NAME (default e2e-gw), E2E_ENV_VERSION (default 8.3.4), E2E_ENV_IMAGE (default: the
// adapter's image), E2E_RUNNING_TIMEOUT_S (default 180).
// Signs in as admin, visits every page, creates a viewer and an API token, creates an environment
// and watches its progress bar reach RUNNING, reads its log, signs in as the viewer and checks that
// nothing that changes state is offered, checks tablet width, then cleans up: revokes the token,
// deletes the viewer, stops the environment and destroys it with its volume.
// Fails on any browser console error. Screenshots go to web/target/screenshots/.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
const selfTest = process.argv.includes('--self-test') || process.env.E2E_SELF_TEST === '1';
const CHANGE_BUTTONS = /^(create|delete|revoke|edit|save|verify again|start|stop|restart|destroy|remove|new environment)/i;
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

const errors = [];
const steps = [];
const step = async (name, fn) => {
  const started = Date.now();
  try {
    await fn();
    steps.push(`ok   ${name} (${Date.now() - started} ms)`);
    console.log(`ok   ${name}`);
  } catch (e) {
    steps.push(`FAIL ${name}: ${e.message}`);
    console.error(`FAIL ${name}\n${e.stack}`);
    throw e;
  }
};
const expect = (cond, message) => {
  if (!cond) throw new Error(message);
};

await mkdir(SHOTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: process.env.E2E_HEADFUL !== '1',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'].filter(
    (a) => a !== '--headless' || process.env.E2E_HEADFUL !== '1',
  ),
});

async function newPage(label) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`[${label}] console: ${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (e) => errors.push(`[${label}] page error: ${e.message} (${page.url()})`));
  page.on('requestfailed', (r) => {
    if (!/net::ERR_ABORTED/.test(r.failure()?.errorText ?? '')) errors.push(`[${label}] request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { context, page };
}

/** Waits until the page's heading shows and no loading indicator remains. */
async function settle(page, heading) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15_000 });
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

async function signIn(page, username, password) {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function changeButtons(page) {
  const names = await page.getByRole('button').evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('aria-label') || e.textContent.trim()));
  const links = await page.getByRole('link', { name: /new environment|create the first environment/i }).count();
  return [...names.filter((n) => CHANGE_BUTTONS.test(n)), ...(links ? ['a "new environment" link'] : [])];
}

/** The session's bearer token, for API calls made next to the browser (pre-clean). */
async function sessionToken(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('stoker.session') ?? '{}').token);
}

/** The state badge of the environment page (text, e.g. "Running"). */
async function envState(page) {
  const text = await page.getByRole('region', { name: 'State' }).locator('.card-header .badge').textContent();
  return text.replace(/^[^A-Za-z]+/, '').trim();
}

async function waitForState(page, wanted, timeout) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await envState(page).catch(() => last);
    if (last === wanted) return;
    if (last === 'Failed' && wanted !== 'Failed') {
      const reason = await page.getByRole('region', { name: 'State' }).locator('dd').first().textContent();
      throw new Error(`environment FAILED: ${reason}`);
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`state still ${last || 'unknown'} after ${timeout / 1000} s (wanted ${wanted})`);
}

const PAGES = [
  ['', 'Dashboard', 'dashboard'],
  ['platforms', 'Platforms', 'platforms'],
  ['audit', 'Audit log', 'audit'],
  ['users', 'Users', 'users'],
  ['tokens', 'API tokens', 'tokens'],
  ['environments', 'Environments', 'environments'],
  ['projects', 'Projects', 'projects'],
  ['secrets', 'Secrets', 'secrets'],
];

let exitCode = 0;
let tokenSecret;
let envUrl;
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


  await step(`admin creates ${ENV_NAME} and watches it reach RUNNING (deadline ${RUNNING_TIMEOUT_MS / 1000} s)`, async () => {
    // A live environment of that name from an earlier, interrupted run would make the create answer 409.
    const token = await sessionToken(page);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const list = await (await page.request.get(`${base}/api/v1/environments?limit=500`, auth)).json();
    const stale = list.items.find((e) => e.spec.name === ENV_NAME);
    if (stale) {
      console.log(`     removing a leftover ${ENV_NAME} (${stale.id}, ${stale.state})`);
      await page.request.delete(`${base}/api/v1/environments/${stale.id}?volume=delete`, auth);
      const until = Date.now() + 60_000;
      while (Date.now() < until && (await (await page.request.get(`${base}/api/v1/environments/${stale.id}`, auth)).json()).state !== 'DESTROYED') {
        await page.waitForTimeout(1000);
      }
    }

    await page.goto(consoleUrl('environments'));
    await settle(page, 'Environments');
    await page.getByRole('link', { name: 'New environment' }).click();
    await settle(page, 'New environment');
    const form = page.getByRole('form', { name: 'Environment' });
    await form.getByLabel('Name').fill('E2E');
    await form.getByText('Use lower-case letters only.').waitFor();
    await form.getByLabel('Name').fill(ENV_NAME);
    await form.getByLabel('Platform').selectOption('ignition');
    const version = form.getByLabel('Version', { exact: true });
    const offered = await version.locator('option').evaluateAll((os) => os.map((o) => o.value));
    if (offered.includes(ENV_VERSION)) {
      await version.selectOption(ENV_VERSION);
    } else {
      await version.selectOption('__other__');
      await form.getByLabel('Exact version').fill(ENV_VERSION);
    }
    if (ENV_IMAGE) {
      await form.getByText(/Image, ports, limits/).click();
      await form.getByLabel('Image (optional)').fill(ENV_IMAGE);
    }
    await shot(page, 'env-01-create-form');
    await form.getByRole('button', { name: 'Create environment' }).click();
    await page.waitForURL(/\/console\/environments\/[^/?]+\?operation=/, { timeout: 30_000 });
    envUrl = page.url();
    await page.getByRole('heading', { level: 1, name: ENV_NAME }).waitFor();
    const bar = page.getByRole('progressbar', { name: 'Provisioning' });
    await bar.waitFor({ timeout: 30_000 });
    await shot(page, 'env-02-provisioning');

    const seen = new Set();
    let midShot = false;
    const deadline = Date.now() + RUNNING_TIMEOUT_MS;
    for (;;) {
      const now = Number(await bar.getAttribute('aria-valuenow'));
      seen.add(now);
      if (!midShot && now >= 50 && now < 100) {
        await shot(page, 'env-03-progress');
        midShot = true;
      }
      const status = (await page.getByTestId('operation-progress').locator('.badge').textContent()).trim();
      if (status === 'Failed') throw new Error(`provisioning failed: ${await page.locator('.progress-step').textContent()}`);
      if (now === 100 && status === 'Succeeded') break;
      if (Date.now() > deadline) throw new Error(`progress stuck at ${now}% (${await page.locator('.progress-step').textContent()}) after ${RUNNING_TIMEOUT_MS / 1000} s`);
      await page.waitForTimeout(250);
    }
    await waitForState(page, 'Running', Math.max(5_000, deadline - Date.now()));
    const http = page.getByRole('region', { name: 'State' }).getByRole('link', { name: /^https?:\/\// }).first();
    const href = await http.getAttribute('href');
    expect(/^https?:\/\/[^/]+:\d+/.test(href ?? ''), `no gateway link (${href})`);
    console.log(`     progress values seen: ${[...seen].sort((a, b) => a - b).join(', ')}; gateway at ${href}`);
    await shot(page, 'env-04-running');
  });

  await step(`admin reads the log of ${ENV_NAME}`, async () => {
    const logs = page.getByTestId('logs');
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.getByRole('button', { name: /Refresh log|Loading…/ }).waitFor();
      if ((await logs.count()) > 0 && (await logs.textContent()).trim().length > 0) break;
      if (Date.now() > deadline) throw new Error('the log panel stayed empty');
      await page.waitForTimeout(1000);
      await page.getByRole('button', { name: 'Refresh log' }).click();
    }
    await page.getByLabel('Last lines').selectOption('100');
    await page.getByRole('button', { name: 'Refresh log' }).click();
    await page.getByRole('button', { name: 'Refresh log' }).waitFor();
    const lines = (await logs.textContent()).trim().split('\n').length;
    expect(lines > 0 && lines <= 100, `log shows ${lines} lines for a tail of 100`);
    await shot(page, 'env-05-logs');
  });

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
      const expected = path === 'users' || path === 'audit' ? 'Not allowed' : heading;
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

  await step('works at tablet width (768px)', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const envPath = new URL(envUrl).pathname.replace(/^\/console\//, '');
    for (const [path, heading, name] of [['', 'Dashboard', 'dashboard'], ['platforms', 'Platforms', 'platforms'], ['tokens', 'API tokens', 'tokens'], ['environments', 'Environments', 'environments'], [envPath, ENV_NAME, 'environment']]) {
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
