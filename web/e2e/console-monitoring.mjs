// The monitoring part of the console's browser test (e2e/console.e2e.mjs runs it once the e2e environment
// runs): the fleet view shows that gateway up with its sparklines, the alerts page's rule editor refuses a bad
// threshold at its field, saves a rule and deletes it again, and the log search answers.
import { expect, forgetProvokedHttpError, settle, shot, step } from './support.mjs';

export async function monitoringSteps(c) {
  const { ENV_NAME, consoleUrl, page } = c;
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
}
