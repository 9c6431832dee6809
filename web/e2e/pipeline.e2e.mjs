// End-to-end check of the console's pipeline pages against a real Stoker, in Debian's Chromium:
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... npm run e2e:pipeline
//
// Admin creates a project and imports a small Ignition export (project.json and one Perspective view,
// built here; through the API), writes a pipeline in the editor (validate, then an approval for a lead),
// sees a mistake listed with its line while typing, saves it and runs it; the run waits for approval. As
// the one who started it, admin's approval is refused with the server's separation-of-duties reason. A lead
// (created through the API) signs in, approves with a comment and sees the run succeed. At the end the
// project and the lead are removed. Fails on any browser console error. Screenshots: pipeline-*.png in
// web/target/screenshots/. Environment as for console.e2e.mjs (STOKER_URL, STOKER_ADMIN_USER,
// STOKER_ADMIN_PASSWORD, CHROMIUM, E2E_HEADFUL).
import { strToU8, zipSync } from 'fflate';
import {
  errors, expect, expectNoBrowserErrors, finish, launchBrowser, newPage, reportFailure, sessionToken, settle, shot, signIn,
  step, stokerTarget,
} from './support.mjs';

const { base, adminUser, adminPassword } = stokerTarget();
const consoleUrl = (path = '') => `${base}/console/${path.replace(/^\//, '')}`;

const stamp = Date.now().toString(36);
const projectName = `e2e-pl-${stamp}`;
const leadName = `e2e-lead-${stamp}`;
const leadPassword = `lead-pass-${stamp}-long`;
const VIEW = 'com.inductiveautomation.perspective/views/Main';

const PIPELINE = `version: 1
stages:
  - name: validate
    steps:
      - name: validate
        type: validate
  - name: approval
    steps:
      - name: approve
        type: approval
        with:
          role: lead
`;

/** project.json and one Perspective view (resource.json + view.json). */
function projectZip() {
  const json = (v) => strToU8(JSON.stringify(v, null, 2));
  return Buffer.from(
    zipSync({
      'project.json': json({ title: 'Pipeline e2e', description: '', parent: '', enabled: true, inheritable: false }),
      [`${VIEW}/resource.json`]: json({
        scope: 'G',
        version: 1,
        restricted: false,
        overridable: true,
        files: ['view.json'],
        attributes: { lastModification: { actor: 'e2e', timestamp: '2026-01-01T00:00:00Z' }, lastModificationSignature: '0' },
      }),
      [`${VIEW}/view.json`]: json({
        custom: {},
        params: {},
        props: { defaultSize: { height: 400, width: 600 } },
        root: { type: 'ia.container.flex', meta: { name: 'root' }, props: { direction: 'column' }, children: [{ type: 'ia.display.label', meta: { name: 'Label' }, props: { text: 'Pipeline e2e' } }] },
      }),
    }),
  );
}

/** Replaces the editor's text (an input event, as typing would send). */
async function setEditor(page, text) {
  const box = page.getByRole('textbox', { name: 'Pipeline (YAML)' });
  await box.fill(text);
}

let exitCode = 0;
let runUrl;
let adminToken;
const browser = await launchBrowser();
try {
  const admin = await newPage(browser, 'admin');
  const page = admin.page;
  const api = (method, path, options = {}) =>
    page.request.fetch(`${base}/api/v1${path}`, { method, headers: { Authorization: `Bearer ${adminToken}` }, ...options });

  await step('admin signs in', async () => {
    await page.goto(consoleUrl('runs'));
    await page.waitForURL(/\/console\/signin\?next=%2Fruns/);
    await signIn(page, adminUser, adminPassword);
    await page.waitForURL(/\/console\/runs$/);
    await settle(page, 'Runs');
    adminToken = await sessionToken(page);
  });

  await step(`admin creates ${projectName} and imports a project export (API)`, async () => {
    const created = await api('POST', '/projects', { data: { name: projectName, platform: 'ignition', description: 'pipeline e2e' } });
    expect(created.status() === 201, `create project: HTTP ${created.status()} ${await created.text()}`);
    const imported = await api('POST', `/projects/${projectName}/imports?${new URLSearchParams({ message: 'e2e: export for the pipeline' })}`, {
      multipart: { project: { name: 'project.zip', mimeType: 'application/zip', buffer: projectZip() } },
    });
    expect(imported.ok(), `import: HTTP ${imported.status()} ${await imported.text()}`);
  });

  await step('the editor lists a mistake with its line as you type, then saves the pipeline', async () => {
    await page.goto(consoleUrl(`projects/${projectName}?tab=pipeline`));
    await settle(page, projectName);
    const box = page.getByRole('textbox', { name: 'Pipeline (YAML)' });
    await box.waitFor();
    await page.getByText('Default, not saved yet').waitFor();
    await setEditor(page, PIPELINE.replace('type: approval', 'type: aproval'));
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems.waitFor({ timeout: 15_000 });
    const problem = (await problems.textContent()) ?? '';
    expect(/Line 10/.test(problem), `the problem does not name line 10: ${problem}`);
    expect(/stages\[1\]\.steps\[0\]\.type/.test(problem), `the problem does not name the field: ${problem}`);
    expect((await page.locator('.code-backdrop .code-line-bad').count()) >= 1, 'the line with the problem is not marked');
    await shot(page, 'pipeline-01-editor-problem');
    await setEditor(page, PIPELINE);
    await page.getByTestId('pipeline-check').filter({ hasText: 'The pipeline is valid.' }).waitFor({ timeout: 15_000 });
    await shot(page, 'pipeline-02-editor');
    await page.getByRole('button', { name: 'Save pipeline' }).click();
    await page.getByText(/Saved as commit/).waitFor({ timeout: 15_000 });
    const stored = await (await api('GET', `/projects/${projectName}/pipeline`)).json();
    expect(stored.stored && stored.yaml === PIPELINE, `the saved pipeline differs: ${JSON.stringify(stored).slice(0, 300)}`);
  });

  await step('admin runs the pipeline; validate passes and the run waits for approval', async () => {
    const form = page.getByRole('form', { name: 'Run pipeline' });
    await form.getByLabel('Reason (optional)').fill('e2e: approve flow');
    await form.getByRole('button', { name: 'Run pipeline' }).click();
    await page.waitForURL(/\/console\/runs\/[^/]+$/, { timeout: 15_000 });
    runUrl = page.url();
    await page.getByRole('heading', { level: 1, name: /^Run / }).waitFor();
    await page.getByRole('region', { name: 'Stage validate: Succeeded' }).waitFor({ timeout: 120_000 });
    await page.getByRole('region', { name: 'Stage approval: Waiting' }).waitFor({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Approval', exact: true }).waitFor();
    await page.getByTestId('step-log').waitFor({ timeout: 15_000 });
    await shot(page, 'pipeline-03-waiting');
    // the validate step's log is one click away
    await page.getByRole('button', { name: /^Step validate \(validate\)/ }).click();
    await page.getByRole('heading', { name: 'Log of validate' }).waitFor();
  });

  await step('admin started the run: approving is refused (separation of duties)', async () => {
    const panel = page.getByRole('region', { name: 'Approval', exact: true });
    await panel.getByLabel('Comment (optional)').fill('my own change');
    const before = errors.length;
    const refusal = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/runs\/[^/]+\/approvals$/.test(r.url()));
    await panel.getByRole('button', { name: 'Approve' }).click();
    expect((await refusal).status() === 403, `the approval answered HTTP ${(await refusal).status()}, not 403`);
    const alert = panel.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    const text = (await alert.textContent()) ?? '';
    expect(/separation of duties/i.test(text), `unexpected refusal: ${text}`);
    // Chromium logs every 4xx answer as a console error: this one was expected (and checked above)
    await page.waitForTimeout(200);
    const i = errors.findIndex((e, n) => n >= before && /status of 403/.test(e));
    if (i >= 0) errors.splice(i, 1);
    await shot(page, 'pipeline-04-refused');
    const run = await (await api('GET', `/runs/${runUrl.split('/').pop()}`)).json();
    expect(run.status === 'WAITING_APPROVAL', `the run is ${run.status} after the refused approval`);
  });

  await step(`admin creates the lead ${leadName} (API)`, async () => {
    const res = await api('POST', '/users', { data: { username: leadName, role: 'LEAD', password: leadPassword } });
    expect(res.status() === 201, `create lead: HTTP ${res.status()} ${await res.text()}`);
  });

  await step('the lead signs in, approves with a comment and the run succeeds', async () => {
    const lead = await newPage(browser, 'lead');
    const lp = lead.page;
    await lp.goto(runUrl);
    await lp.waitForURL(/\/console\/signin\?next=/);
    await signIn(lp, leadName, leadPassword);
    await lp.waitForURL(runUrl);
    const panel = lp.getByRole('region', { name: 'Approval', exact: true });
    await panel.waitFor({ timeout: 15_000 });
    await panel.getByLabel('Comment (optional)').fill('looks good (e2e)');
    await panel.getByRole('button', { name: 'Approve' }).click();
    await lp.getByTestId('run-follow').filter({ hasText: /^Succeeded after/ }).waitFor({ timeout: 60_000 });
    await lp.getByRole('region', { name: 'Stage approval: Succeeded' }).waitFor();
    const decisions = lp.getByRole('table', { name: 'Decisions on this run' });
    await decisions.getByText('looks good (e2e)').waitFor();
    await decisions.getByText(leadName).waitFor();
    await shot(lp, 'pipeline-05-succeeded');
    await lead.context.close();
  });

  await step('the runs list shows the run as succeeded', async () => {
    await page.goto(consoleUrl(`projects/${projectName}?tab=runs`));
    await settle(page, projectName);
    const table = page.getByRole('table', { name: `Runs of ${projectName}, newest first` });
    await table.getByText('Succeeded').waitFor({ timeout: 15_000 });
    await table.getByText('e2e: approve flow').waitFor();
    await shot(page, 'pipeline-06-runs');
  });

  await admin.context.close();
  expectNoBrowserErrors();
} catch (e) {
  exitCode = reportFailure(e);
} finally {
  // clean up through the API whatever happened (a refusal is only logged)
  if (adminToken) {
    const ctx = await browser.newContext();
    const headers = { Authorization: `Bearer ${adminToken}` };
    for (const path of [`/projects/${projectName}`, `/users/${leadName}`]) {
      const res = await ctx.request.delete(`${base}/api/v1${path}`, { headers }).catch((e) => ({ status: () => e.message }));
      if (res.status() !== 204 && res.status() !== 404) console.log(`     could not delete ${path}: HTTP ${res.status()} (left in place)`);
    }
    await ctx.close();
  }
  await browser.close();
}
finish(exitCode);
