// The projects part of the console's browser test (e2e/console.e2e.mjs runs it in order): a tiny project
// export, the import form, and the steps from creating the project to downloading a release.
import { readFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import { expect, sessionToken, settle, shot, step } from './support.mjs';

const VIEW = 'com.inductiveautomation.perspective/views/Main';

/** A tiny Ignition project export: project.json, one Perspective view with a label, one script. */
function projectZip(labelText, code) {
  const stampAttrs = { lastModification: { actor: 'e2e', timestamp: '2026-01-01T00:00:00Z' }, lastModificationSignature: '0' };
  const json = (v) => strToU8(JSON.stringify(v, null, 2));
  return Buffer.from(
    zipSync({
      'project.json': json({ title: 'E2E', description: 'console e2e', parent: '', enabled: true, inheritable: false }),
      [`${VIEW}/resource.json`]: json({ scope: 'G', version: 1, restricted: false, overridable: true, files: ['view.json'], attributes: stampAttrs }),
      [`${VIEW}/view.json`]: json({
        custom: {},
        params: {},
        props: { defaultSize: { height: 400, width: 600 } },
        root: { type: 'ia.container.flex', meta: { name: 'root' }, props: { direction: 'column' }, children: [{ type: 'ia.display.label', meta: { name: 'Label' }, position: { basis: '32px' }, props: { text: labelText } }] },
      }),
      'ignition/script-python/e2e/util/resource.json': json({ scope: 'A', version: 1, restricted: false, overridable: true, files: ['code.py'], attributes: stampAttrs }),
      'ignition/script-python/e2e/util/code.py': strToU8(code),
    }),
  );
}

const tagsJson = Buffer.from(
  JSON.stringify({ name: '', tagType: 'Provider', tags: [{ name: 'E2E', tagType: 'Folder', tags: [{ name: 'Speed', tagType: 'AtomicTag', valueSource: 'memory', dataType: 'Float8', value: 1.5 }] }] }),
);

/** Imports through the Import form and waits for the new revision (or fails with the form's error). */
async function importRevision(page, { zip, tags, branch, message }) {
  const form = page.getByRole('form', { name: 'Import' });
  const result = page.locator('.import-result');
  const before = (await result.count()) ? await result.textContent() : '';
  await form.getByLabel('Project export (.zip)').setInputFiles({ name: 'project.zip', mimeType: 'application/zip', buffer: zip });
  if (tags) await form.getByLabel('Tag export (.json, optional)').setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: tags });
  if (branch) await form.getByLabel('Branch').selectOption(branch);
  await form.getByLabel('Message').fill(message);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  const deadline = Date.now() + 30_000;
  for (;;) {
    if ((await result.count()) && (await result.textContent()) !== before) return (await result.textContent()).trim();
    const alert = page.getByRole('form', { name: 'Import' }).locator('.form-error, .field-error');
    if (await alert.count()) throw new Error(`import refused: ${await alert.first().textContent()}`);
    if (Date.now() > deadline) throw new Error('no import result after 30 s');
    await page.waitForTimeout(200);
  }
}

/** The project steps of the console e2e test (imports, history and diff, browse, branches, merge, release). `c`: the run's settings and pages, and what the steps learn for later ones (c.diffUrl, c.mergeUrl, c.defaultBranch). */
export async function projectSteps(c) {
  const { base, consoleUrl, featureBranch, page, projectName, releaseName } = c;
  await step(`admin creates project ${projectName} and imports two revisions`, async () => {
    await page.goto(consoleUrl('projects'));
    await settle(page, 'Projects');
    await page.getByRole('button', { name: 'New project' }).click();
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Name').fill('E2E');
    await form.getByText('Use lower-case letters only.').waitFor();
    await form.getByLabel('Name').fill(projectName);
    await form.getByLabel('Description (optional)').fill('created by the console e2e test');
    await form.getByLabel('Platform').selectOption('ignition');
    await shot(page, 'project-01-create');
    await form.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(new RegExp(`/console/projects/${projectName}$`));
    await settle(page, projectName);
    await page.getByText('No revisions yet').waitFor();
    const token = await sessionToken(page);
    c.defaultBranch = (await (await page.request.get(`${base}/api/v1/projects/${projectName}`, { headers: { Authorization: `Bearer ${token}` } })).json()).defaultBranch ?? 'main';

    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('form', { name: 'Import' }).waitFor();
    const first = await importRevision(page, { zip: projectZip('Hello from e2e', 'def speed():\n    return 1\n'), tags: tagsJson, message: 'e2e: first import' });
    expect(first.includes(`on ${c.defaultBranch}`), `unexpected import result: ${first}`);
    await shot(page, 'project-02-imported');
    await importRevision(page, { zip: projectZip('Hello from e2e, v2', 'def speed():\n    return 2\n'), message: 'e2e: second import' });
    await page.getByRole('link', { name: 'See what changed' }).waitFor();
  });

  await step('history lists both imports and the diff between them shows properties and script lines', async () => {
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'History' }).click();
    const table = page.getByRole('table', { name: new RegExp(`Revisions of ${c.defaultBranch}`) });
    await table.waitFor();
    await table.getByText('e2e: second import').waitFor();
    await table.getByText('e2e: first import').waitFor();
    await shot(page, 'project-03-history');
    const boxes = table.getByRole('checkbox');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await page.waitForURL(/\/diff\?from=/);
    c.diffUrl = page.url();
    await settle(page, `Changes in ${projectName}`);
    const cards = page.getByTestId('resource-diff');
    await cards.first().waitFor();
    const view = cards.filter({ hasText: VIEW });
    await view.locator('.diff-old').filter({ hasText: '"Hello from e2e"' }).first().waitFor();
    await view.locator('.diff-new').filter({ hasText: '"Hello from e2e, v2"' }).first().waitFor();
    const script = page.getByTestId('text-diff').filter({ hasText: 'return 2' });
    await script.locator('.diff-add').filter({ hasText: 'return 2' }).first().waitFor();
    await script.locator('.diff-del').filter({ hasText: 'return 1' }).first().waitFor();
    await shot(page, 'project-04-diff');
  });

  await step('browse shows the resources by type and a file', async () => {
    await page.goto(consoleUrl(`projects/${projectName}?tab=browse`));
    await settle(page, projectName);
    await page.getByRole('button', { name: `Open ${VIEW}/view.json` }).click();
    await page.getByTestId('file-content').filter({ hasText: 'Hello from e2e, v2' }).waitFor();
    await shot(page, 'project-05-browse');
  });

  await step('admin branches and imports a conflicting change on each branch', async () => {
    await page.goto(consoleUrl(`projects/${projectName}?tab=branches`));
    await settle(page, projectName);
    const form = page.getByRole('form', { name: 'New branch' });
    await form.getByLabel('Branch name').fill(featureBranch);
    await form.getByLabel('From').fill(c.defaultBranch);
    await form.getByRole('button', { name: 'Create branch' }).click();
    await page.getByText(new RegExp(`Branch ${featureBranch} created at`)).waitFor();
    await page.getByRole('button', { name: `Delete branch ${featureBranch}` }).waitFor();
    await shot(page, 'project-06-branches');
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('form', { name: 'Import' }).getByLabel('Branch').locator(`option[value="${featureBranch}"]`).waitFor({ state: 'attached' });
    const onFeature = await importRevision(page, { zip: projectZip('From the feature branch', 'def speed():\n    return 2\n'), branch: featureBranch, message: 'e2e: label on the feature branch' });
    expect(onFeature.includes(`on ${featureBranch}`), `unexpected import result: ${onFeature}`);
    await importRevision(page, { zip: projectZip('From the main branch', 'def speed():\n    return 2\n'), branch: c.defaultBranch, message: 'e2e: label on the default branch' });
  });

  await step('admin merges the feature branch, resolves the conflict and commits', async () => {
    await page.getByRole('link', { name: 'Merge branches' }).click();
    await settle(page, `Merge in ${projectName}`);
    const form = page.getByRole('form', { name: 'Merge' });
    await form.getByLabel('Source (theirs)').selectOption(featureBranch);
    await form.getByLabel('Target (ours)').selectOption(c.defaultBranch);
    await shot(page, 'merge-01-start');
    await form.getByRole('button', { name: 'Start merge' }).click();
    await page.waitForURL(/\/merges\/[^/]+$/);
    c.mergeUrl = page.url();
    const title = `Merge ${featureBranch} into ${c.defaultBranch}`;
    await settle(page, title);
    // the deep link survives a reload
    await page.reload();
    await settle(page, title);
    const conflicts = page.getByTestId('conflict');
    await conflicts.first().waitFor();
    const count = await conflicts.count();
    await conflicts.filter({ hasText: VIEW }).first().waitFor();
    const commit = page.getByRole('button', { name: 'Commit merge' });
    expect(await commit.isDisabled(), 'Commit merge is enabled with open conflicts');
    await shot(page, 'merge-02-conflicts');
    for (let i = 0; i < count; i++) await conflicts.nth(i).getByRole('radio', { name: `Theirs (${featureBranch})` }).check();
    await page.getByRole('button', { name: 'Save resolutions' }).click();
    await page.getByText(new RegExp(`${count} of ${count} conflicts? resolved\\. The merge is ready to commit\\.`)).waitFor();
    expect(await commit.isEnabled(), 'Commit merge stays disabled after resolving every conflict');
    await shot(page, 'merge-03-resolved');
    await commit.click();
    await page.getByText(new RegExp(`Merged ${featureBranch} into ${c.defaultBranch} as revision`)).waitFor();
    await shot(page, 'merge-04-committed');
    await page.getByRole('link', { name: `See what the merge changed on ${c.defaultBranch}` }).click();
    await settle(page, `Changes in ${projectName}`);
    await page.getByTestId('resource-diff').filter({ hasText: VIEW }).locator('.diff-new').filter({ hasText: 'From the feature branch' }).first().waitFor();
    await shot(page, 'merge-05-diff');
  });

  await step('admin cuts a release and downloads its export', async () => {
    await page.goto(consoleUrl(`projects/${projectName}?tab=releases`));
    await settle(page, projectName);
    const form = page.getByRole('form', { name: 'New release' });
    await form.getByLabel('Release name').fill('has space');
    await form.getByText('No spaces.').waitFor();
    await form.getByLabel('Release name').fill(releaseName);
    await form.getByLabel('Revision').fill(c.defaultBranch);
    await form.getByLabel('Message (optional)').fill('e2e release');
    await form.getByRole('button', { name: 'Create release' }).click();
    await page.getByText(new RegExp(`Release ${releaseName} created from`)).waitFor();
    const row = page.getByRole('row').filter({ hasText: releaseName });
    await shot(page, 'project-07-release');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      row.getByRole('button', { name: `Download the export of release ${releaseName}` }).click(),
    ]);
    expect(download.suggestedFilename().endsWith('.zip'), `export saved as ${download.suggestedFilename()}`);
    const bytes = await readFile(await download.path());
    expect(bytes.length > 22 && bytes[0] === 0x50 && bytes[1] === 0x4b, `the export is not a zip (${bytes.length} bytes)`);
  });
}
