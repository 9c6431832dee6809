// The environments part of the console's browser test (e2e/console.e2e.mjs runs it in order): the
// environment page's helpers and the steps from creating the environment to upgrading it.
import { expect, sessionToken, settle, shot, step } from './support.mjs';

/** The state badge of the environment page (text, e.g. "Running"). */
async function envState(page) {
  const text = await page.getByRole('region', { name: 'State' }).locator('.card-header .badge').textContent();
  return text.replace(/^[^A-Za-z]+/, '').trim();
}

export async function waitForState(page, wanted, timeout) {
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

/** Waits until the progress bar `label` reaches 100% and Succeeded (throws when the operation fails). */
async function waitForOperation(page, label, timeout) {
  const bar = page.getByRole('progressbar', { name: label });
  await bar.waitFor({ timeout: 30_000 });
  const deadline = Date.now() + timeout;
  for (;;) {
    const status = (await page.getByTestId('operation-progress').locator('.badge').textContent()).trim();
    if (status === 'Failed') throw new Error(`${label} failed: ${await page.locator('.progress-step').textContent()}`);
    if (status === 'Succeeded' && Number(await bar.getAttribute('aria-valuenow')) === 100) return;
    if (Date.now() > deadline) throw new Error(`${label} not done after ${timeout / 1000} s (${await page.locator('.progress-step').textContent()})`);
    await page.waitForTimeout(250);
  }
}

/** Compares dotted versions numerically (8.3.10 > 8.3.4). */
function compareVersions(a, b) {
  const x = String(a).split(/[.-]/).map(Number);
  const y = String(b).split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d) return d;
  }
  return 0;
}

/** The environment steps of the console e2e test (creates, watches, reads, backs up, restores and upgrades the environment). `c`: the run's settings and pages, and what the steps learn for later ones (c.envUrl). */
export async function environmentSteps(c) {
  const { API_TOKEN_PATH, ENV_IMAGE, ENV_NAME, ENV_VERSION, RUNNING_TIMEOUT_MS, adminUser, base, consoleUrl, page } = c;
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
    await form.getByText(/Image, ports, limits/).click();
    if (ENV_IMAGE) await form.getByLabel('Image (optional)').fill(ENV_IMAGE);
    // the emulator accepts the token stored above, so that Stoker can read the gateway's metrics
    await form.getByLabel('Secrets (optional)').fill(`EMULATOR_API_KEYS=${API_TOKEN_PATH}`);
    await shot(page, 'env-01-create-form');
    await form.getByRole('button', { name: 'Create environment' }).click();
    await page.waitForURL(/\/console\/environments\/[^/?]+\?operation=/, { timeout: 30_000 });
    c.envUrl = page.url();
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

  await step(`admin sees the memory and CPU charts and the status timeline of ${ENV_NAME}`, async () => {
    const region = page.getByRole('region', { name: 'Monitoring' });
    await region.waitFor();
    const memory = region.getByRole('img', { name: /^Memory used: / });
    const deadline = Date.now() + 30_000;
    // two samples (5 s apart) make a line
    for (;;) {
      const failure = region.locator('.metrics-error');
      if (await failure.count()) throw new Error(`the monitoring panel says: ${(await failure.first().textContent()).trim()}`);
      if ((await memory.count()) && /; ([2-9]|\d{2,}) samples/.test((await memory.getAttribute('aria-label')) ?? '')) break;
      if (Date.now() > deadline) throw new Error(`no second metrics sample after 30 s (${(await region.textContent()).trim().slice(0, 200)})`);
      await page.waitForTimeout(500);
    }
    const memoryLabel = await memory.getAttribute('aria-label');
    expect(/^Memory used: \d[\d.]* (B|KiB|MiB|GiB)/.test(memoryLabel), `memory chart says ${memoryLabel}`);
    const cpu = region.getByRole('img', { name: /^CPU usage: \d[\d.]*%/ });
    await cpu.waitFor();
    expect((await memory.locator('path.series-used').getAttribute('d'))?.includes('L'), 'the memory chart draws no line');
    const threads = (await region.getByTestId('metric-threads').textContent()).trim();
    expect(/^\d+$/.test(threads), `threads shows ${threads}`);
    const uptime = (await region.getByTestId('metric-uptime').textContent()).trim();
    expect(/\d+ (s|min|h|d)/.test(uptime), `uptime shows ${uptime}`);
    expect((await region.getByRole('table').count()) === 2, 'the charts have no text alternative');

    const timeline = page.getByRole('region', { name: 'Status timeline' });
    const items = timeline.getByRole('listitem');
    await items.first().filter({ hasText: 'Now Running' }).waitFor();
    await items.filter({ hasText: 'Created' }).filter({ hasText: `by ${adminUser}` }).first().waitFor();
    console.log(`     ${memoryLabel}; ${await cpu.getAttribute('aria-label')}; threads ${threads}, uptime ${uptime}`);
    await region.scrollIntoViewIfNeeded();
    await shot(page, 'env-monitoring');
  });

  await step(`admin backs up ${ENV_NAME} with the API key secret workspace:${API_TOKEN_PATH} and sees it listed`, async () => {
    const backups = page.getByRole('region', { name: 'Backups' });
    await backups.getByRole('button', { name: 'Refresh backups' }).waitFor();
    const rows = backups.getByTestId('backup-row');
    const before = await rows.count();
    await page.getByRole('group', { name: 'Environment actions' }).getByRole('button', { name: 'Back up now' }).click();
    const dialog = page.getByRole('dialog', { name: `Back up ${ENV_NAME}?` });
    await dialog.getByLabel('API key secret (optional)').fill(`workspace:${API_TOKEN_PATH}`);
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    await waitForOperation(page, 'Backing up', RUNNING_TIMEOUT_MS);
    const deadline = Date.now() + 15_000;
    while ((await rows.count()) <= before) {
      if (Date.now() > deadline) throw new Error(`the backups list still shows ${before} after the backup`);
      await page.waitForTimeout(250);
    }
    const first = (await rows.first().textContent()).trim();
    expect(first.includes(adminUser), `the newest backup is not by ${adminUser}: ${first}`);
    await backups.scrollIntoViewIfNeeded();
    await shot(page, 'env-backup');
  });

  await step(`admin restores ${ENV_NAME} from that backup`, async () => {
    await page.getByRole('group', { name: 'Environment actions' }).getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: `Restore ${ENV_NAME}?` });
    const newest = dialog.getByRole('radio').first();
    await newest.waitFor();
    expect(await newest.isChecked(), 'the newest backup is not preselected');
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await waitForOperation(page, 'Restoring', RUNNING_TIMEOUT_MS);
    await waitForState(page, 'Running', RUNNING_TIMEOUT_MS);
    await page.getByRole('region', { name: 'Status timeline' }).getByRole('listitem').filter({ hasText: 'Restored from a backup' }).first().waitFor({ timeout: 15_000 });
    await shot(page, 'env-restore');
  });

  await step(`admin upgrades ${ENV_NAME} to another version the platform lists (if any)`, async () => {
    const token = await sessionToken(page);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const envId = new URL(c.envUrl).pathname.split('/').pop();
    const current = (await (await page.request.get(`${base}/api/v1/environments/${envId}`, auth)).json()).spec;
    const platform = await (await page.request.get(`${base}/api/v1/platforms/${current.platform}`, auth)).json();
    // Only upgrades: going back to an older line (8.3 -> 8.1) is what rollback is for.
    const others = (platform.versions ?? []).map((v) => v.defaultVersion)
      .filter((v) => v && v !== current.version && compareVersions(v, current.version ?? '0') > 0);
    others.sort((a, b) => {
      const newerA = compareVersions(a, current.version ?? '0') > 0;
      const newerB = compareVersions(b, current.version ?? '0') > 0;
      return newerA === newerB ? compareVersions(b, a) : newerA ? -1 : 1;
    });
    const target = process.env.E2E_UPGRADE_VERSION ?? others[0];
    if (!target || target === 'none') {
      console.log(`     skipped: ${current.platform} lists no other version than ${current.version}`);
      return;
    }
    await page.getByRole('group', { name: 'Environment actions' }).getByRole('button', { name: 'Upgrade…' }).click();
    const dialog = page.getByRole('dialog', { name: `Upgrade ${ENV_NAME}?` });
    await dialog.getByText('same data volume').waitFor();
    const select = dialog.getByLabel('New version');
    const offered = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
    if (offered.includes(target)) {
      await select.selectOption(target);
    } else {
      await select.selectOption('__image__');
      await dialog.getByLabel('Image', { exact: true }).fill(target);
    }
    await dialog.getByRole('button', { name: 'Upgrade', exact: true }).click();
    await waitForOperation(page, 'Upgrading', RUNNING_TIMEOUT_MS);
    await waitForState(page, 'Running', RUNNING_TIMEOUT_MS);
    const shown = await page.getByRole('region', { name: 'What was asked for' }).getByText(target).first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
    if (!shown) console.log(`     note: the environment record does not show ${target} yet`);
    console.log(`     upgraded from ${current.version ?? current.image} to ${target}`);
    await shot(page, 'env-upgrade');
  });

}
