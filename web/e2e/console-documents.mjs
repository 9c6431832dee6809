// The documents part of the console's browser test (e2e/console.e2e.mjs runs it after the project steps): the
// template writer writes a change summary of the e2e project between its first revision and the default
// branch; the admin follows a citation to its fact, invents a resource path in the text (a grounding finding
// appears and blocks the signature), submits, comments, approves, accepts the finding with a reason, signs and
// downloads the signed PDF. `c.documentUrl` is left for the viewer's visit.
import { readFile } from 'node:fs/promises';
import { expect, sessionToken, settle, shot, step } from './support.mjs';

const INVENTED = 'com.inductiveautomation.perspective/views/InventedByE2E';

export async function documentSteps(c) {
  const { base, consoleUrl, page, projectName } = c;
  const title = `Change summary`;
  await step(`admin generates a change summary of ${projectName} with the template writer`, async () => {
    const token = await sessionToken(page);
    const history = await page.request.get(`${base}/api/v1/projects/${projectName}/history?limit=200`, { headers: { Authorization: `Bearer ${token}` } });
    expect(history.ok(), `history: HTTP ${history.status()}`);
    const first = (await history.json()).items.at(-1).id;
    await page.goto(consoleUrl(`projects/${projectName}?tab=documents`));
    await settle(page, projectName);
    const form = page.getByRole('form', { name: 'Generate a document' });
    await form.getByLabel('Kind').selectOption('change-summary');
    await form.getByLabel('Writer').selectOption('template');
    await form.getByLabel('From revision').fill(first);
    await shot(page, 'doc-01-generate');
    await form.getByRole('button', { name: 'Generate' }).click();
    await page.waitForURL(/\/console\/documents\/[^/]+$/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${title}`) }).waitFor({ timeout: 15_000 });
    c.documentUrl = page.url();
    await page.getByText(/written by template\./).waitFor();
    // the text sits next to its facts; a citation selects its fact
    const text = page.getByRole('document', { name: 'Document text' });
    const citation = text.getByRole('link', { name: /^Fact / }).first();
    const fact = (await citation.getAttribute('aria-label')).slice('Fact '.length);
    await citation.click();
    await page.getByRole('region', { name: /^Facts/ }).getByRole('listitem', { name: `Fact ${fact}` }).and(page.locator('[aria-current="true"]')).waitFor();
    await shot(page, 'doc-02-text-and-facts');
  });

  await step('an invented resource path is flagged and blocks the signature until a lead accepts it', async () => {
    await page.getByRole('button', { name: 'Edit text' }).click();
    const editor = page.getByRole('textbox', { name: 'Text' });
    await editor.fill(`${await editor.inputValue()}\nThe view ${INVENTED} shows the line speed.\n`);
    await page.getByRole('button', { name: 'Save text' }).click();
    const findings = page.getByRole('table', { name: 'Findings' });
    const row = findings.getByRole('row').filter({ hasText: INVENTED });
    await row.getByText('open').waitFor({ timeout: 15_000 });
    await shot(page, 'doc-03-finding');

    const review = page.getByRole('group', { name: 'Review actions' });
    await review.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Submitted for review.').waitFor();
    await page.getByRole('form', { name: 'Add a comment' }).getByLabel('Comment').fill('Checked against the diff');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Comment added.').waitFor();
    await review.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved.').waitFor();
    expect(await review.getByRole('button', { name: 'Sign' }).isDisabled(), 'Sign is enabled with an open finding');
    await shot(page, 'doc-04-approved-unsignable');

    await row.getByRole('button', { name: `Accept ${INVENTED}…` }).click();
    const accept = page.getByRole('form', { name: `Accept ${INVENTED}` });
    await accept.getByLabel('Reason').fill('the view lands with the next import');
    await accept.getByRole('button', { name: 'Accept finding' }).click();
    await row.getByText('accepted').waitFor({ timeout: 15_000 });
  });

  await step('admin signs the document and downloads the signed PDF', async () => {
    const review = page.getByRole('group', { name: 'Review actions' });
    await review.getByRole('button', { name: 'Sign' }).click();
    await page.getByText(new RegExp(`^Signed by ${c.adminUser}\\.$`)).waitFor({ timeout: 15_000 });
    expect((await page.getByRole('button', { name: 'Edit text' }).count()) === 0, 'a signed document still offers an edit');
    await page.getByRole('region', { name: 'Provenance' }).getByText(/content SHA-256/).waitFor();
    await shot(page, 'doc-05-signed');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Download as PDF' }).click()]);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1') === '%PDF-', `the export is not a PDF (${bytes.length} bytes)`);
  });
}
