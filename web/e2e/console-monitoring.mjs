// The monitoring part of the console's browser test (e2e/console.e2e.mjs runs it once the e2e environment
// runs): the fleet view shows that gateway up with its sparklines, the alerts page's rule editor refuses a bad
// threshold at its field, saves a rule and deletes it again, the log search answers, the live tail shows a
// gateway log line as it is written, the environment page shows the gateway's diagnostics, and /metrics at the
// root answers a metrics-scoped token with the gateway's diagnostic series (and nobody without one).
import { expect, forgetProvokedHttpError, sessionToken, settle, shot, step } from './support.mjs';

export async function monitoringSteps(c) {
  const { ENV_NAME, apiTokenValue, base, consoleUrl, page } = c;
  const envId = new URL(c.envUrl).pathname.split('/').pop();
  await step(`the fleet view shows ${ENV_NAME} up, with heap and CPU sparklines`, async () => {
    await page.goto(consoleUrl('fleet'));
    await settle(page, 'Fleet');
    // the poller looks every 10 s and the page refreshes every 10 s
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: ENV_NAME, exact: true }) });
    await row.getByText('up', { exact: true }).waitFor({ timeout: 45_000 });
    await row.getByRole('img', { name: new RegExp(`^Heap of ${ENV_NAME} over the last hour`) }).waitFor({ timeout: 10_000 });
    await row.getByRole('img', { name: new RegExp(`^CPU of ${ENV_NAME} over the last hour`) }).waitFor({ timeout: 10_000 });
    await shot(page, '40-fleet');
  });

  const ruleName = `e2e volume ${Date.now().toString(36)}`;
  await step('the alerts page: the rule editor refuses a bad threshold, saves a rule, deletes it', async () => {
    await page.goto(consoleUrl('alerts'));
    await settle(page, 'Alerts');
    await page.getByRole('button', { name: 'firing' }).click();
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New alert rule' });
    await form.getByLabel('Name').fill(ruleName);
    await form.getByLabel('Kind').selectOption('volume-full');
    await form.getByLabel('Threshold').fill('1.5');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await form.getByText(/above 0 and at most 1/).waitFor({ timeout: 10_000 });
    forgetProvokedHttpError(400, '/api/v1/alert-rules'); // the refusal this step asked for
    await form.getByLabel('Threshold').fill('0.95');
    await form.getByRole('button', { name: 'Save rule' }).click();
    const rules = page.getByRole('table', { name: 'Alert rules' });
    const row = rules.getByRole('row').filter({ hasText: ruleName });
    await row.waitFor({ timeout: 10_000 });
    expect((await row.textContent()).includes('threshold 0.95'), 'the saved rule shows its threshold');
    await shot(page, '41-alert-rule');
    page.once('dialog', (d) => d.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
  });

  await step(`the log search finds ${ENV_NAME}'s lines`, async () => {
    await page.goto(consoleUrl('logs'));
    await settle(page, 'Logs');
    await page.getByRole('table', { name: 'Log lines' }).waitFor({ timeout: 45_000 }).catch(async () => {
      // the collector follows new gateways each poll round: search again once
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('table', { name: 'Log lines' }).waitFor({ timeout: 20_000 });
    });
    await shot(page, '42-logs');
  });

  await step(`the live tail shows a new log line of ${ENV_NAME} as the gateway writes it`, async () => {
    await page.goto(consoleUrl(`logs?environment=${encodeURIComponent(envId)}`));
    await settle(page, 'Logs');
    await page.getByRole('button', { name: 'Live tail' }).click();
    const tail = page.getByRole('region', { name: 'Live tail' });
    await tail.getByRole('status', { name: 'Tail state' }).getByText('live', { exact: true }).waitFor({ timeout: 10_000 });
    const token = await sessionToken(page);
    const env = await (await page.request.get(`${base}/api/v1/environments/${envId}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    // a project scan makes the gateway log "Project scan loaded N projects"
    const scan = await page.request.post(`${env.endpoints.http.replace(/\/$/, '')}/data/api/v1/scan/projects`, { headers: { 'X-Ignition-API-Token': apiTokenValue } });
    expect(scan.ok(), `scan on the gateway: HTTP ${scan.status()}`);
    await tail.getByRole('table', { name: 'Live log lines' }).getByText(/Project scan loaded \d+ projects/).first().waitFor({ timeout: 30_000 });
    await shot(page, '43-log-tail');
    await tail.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Live tail' }).click();
    await tail.waitFor({ state: 'detached', timeout: 5_000 });
  });

  await step(`the environment page shows ${ENV_NAME}'s gateway diagnostics`, async () => {
    await page.goto(c.envUrl);
    const diag = page.getByRole('region', { name: 'Gateway diagnostics' });
    await diag.waitFor({ timeout: 10_000 });
    await diag.getByRole('table', { name: 'Tag providers' }).getByRole('cell', { name: 'default', exact: true }).waitFor({ timeout: 30_000 });
    await diag.getByText('Perspective sessions').waitFor({ timeout: 5_000 });
    await shot(page, '44-gateway-diagnostics');
  });

  await step('/metrics at the root: refused without a token, the gateway series with a metrics token', async () => {
    const token = await sessionToken(page);
    const made = await page.request.post(`${base}/api/v1/tokens`, { headers: { Authorization: `Bearer ${token}` }, data: { name: `e2e-metrics-${Date.now().toString(36)}`, scopes: ['metrics'], expiresInDays: 1 } });
    expect(made.status() === 201, `metrics token: HTTP ${made.status()} ${await made.text()}`);
    const issued = await made.json();
    const scrape = issued.secret;
    const anonymous = await page.request.get(`${base}/metrics`);
    expect(anonymous.status() === 401 || anonymous.status() === 403, `/metrics without a token: HTTP ${anonymous.status()}`);
    const text = await (await page.request.get(`${base}/metrics`, { headers: { Authorization: `Bearer ${scrape}` } })).text();
    for (const series of ['stoker_gateway_up', 'stoker_gateway_tag_provider_up', 'stoker_gateway_alarms', 'stoker_gateway_perspective_sessions']) {
      expect(new RegExp(`^${series}\\{[^}]*environment="${envId}"`, 'm').test(text), `${series} of ${envId} missing from /metrics`);
    }
    const revoked = await page.request.delete(`${base}/api/v1/tokens/${issued.token.id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(revoked.ok(), `revoking the metrics token: HTTP ${revoked.status()}`);
  });
}
