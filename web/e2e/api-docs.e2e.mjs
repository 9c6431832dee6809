// End-to-end check of the API explorer (/api/docs/, Swagger UI over /api/v1/openapi.json) against a real
// Stoker, in Debian's Chromium:
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... npm run e2e:api-docs
//
// Admin signs in to the console and follows "API explorer" in the same tab: the document renders with every
// operation, "Try it out" on GET /api/v1/auth/me answers 200 with admin's own name (the request carried the
// console session). In a fresh browser context with no session the same request answers 401: the explorer
// never lends rights of its own. Fails on any browser console error except that expected 401. Screenshots:
// api-docs-*.png in web/target/screenshots/. Environment as for console.e2e.mjs.
import {
  errors, expect, expectNoBrowserErrors, finish, launchBrowser, newPage, reportFailure, shot, signIn, step, stokerTarget,
} from './support.mjs';

const { base, adminUser, adminPassword } = stokerTarget();

/** Expands GET /api/v1/auth/me, presses Try it out and Execute; @return the status cell's text and the body. */
async function tryMe(page) {
  const op = page.locator('.opblock-get:has(.opblock-summary-path[data-path="/api/v1/auth/me"])');
  await op.locator('.opblock-summary').first().click();
  await op.getByRole('button', { name: 'Try it out' }).click();
  await op.getByRole('button', { name: 'Execute' }).click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 15_000 });
  return { status: (await status.innerText()).trim(), body: await op.locator('.live-responses-table .microlight').first().innerText() };
}

const browser = await launchBrowser();
let exitCode = 0;
try {
  const admin = await newPage(browser, 'admin');
  const page = admin.page;

  await step('admin signs in and opens the API explorer from the console, in the same tab', async () => {
    await page.goto(`${base}/console/`);
    await signIn(page, adminUser, adminPassword);
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'API explorer' }).click();
    await page.waitForURL(`${base}/api/docs/`);
    await page.locator('.swagger-ui .info .title').getByText('Stoker').waitFor({ timeout: 20_000 });
    const banner = await page.locator('#stoker-session').innerText();
    expect(banner.includes('console session'), `the page says whether requests carry the session: ${banner}`);
  });

  await step('the explorer lists every operation of the served document', async () => {
    const served = await (await page.request.get(`${base}/api/v1/openapi.json`)).json();
    const expected = Object.values(served.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    await page.locator('.opblock').nth(expected - 1).waitFor();
    const shown = await page.locator('.opblock').count();
    expect(shown === expected, `${shown} operations shown, the document has ${expected}`);
    await shot(page, 'api-docs-01-explorer');
  });

  await step('"Try it out" acts as the signed-in user', async () => {
    const r = await tryMe(page);
    expect(r.status === '200', `GET /api/v1/auth/me answered ${r.status}`);
    expect(r.body.includes(`"username": "${adminUser}"`) || r.body.includes(`"username":"${adminUser}"`),
      `the answer names ${adminUser}: ${r.body.slice(0, 200)}`);
    await shot(page, 'api-docs-02-try-it-out');
  });

  await step('without a console session the same request is refused (no rights of its own)', async () => {
    const anon = await newPage(browser, 'anonymous');
    await anon.page.goto(`${base}/api/docs/`);
    await anon.page.locator('.swagger-ui .info .title').getByText('Stoker').waitFor({ timeout: 20_000 });
    const banner = await anon.page.locator('#stoker-session').innerText();
    expect(banner.startsWith('Not signed in'), `banner: ${banner}`);
    const r = await tryMe(anon.page);
    expect(r.status === '401', `anonymous GET /api/v1/auth/me answered ${r.status}`);
    await shot(anon.page, 'api-docs-03-anonymous');
    await anon.context.close();
    // the browser logs the refused request as a console error: that one is the point of this step
    for (let i = errors.length - 1; i >= 0; i--) {
      if (errors[i].startsWith('[anonymous]') && errors[i].includes('401')) errors.splice(i, 1);
    }
  });

  await admin.context.close();
  expectNoBrowserErrors();
} catch (e) {
  exitCode = reportFailure(e);
} finally {
  await browser.close();
}
finish(exitCode);
