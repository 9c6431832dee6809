// End-to-end check of the API explorer (/api/docs/, Swagger UI over /api/v1/openapi.json) against a real
// Stoker, in Debian's Chromium:
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... npm run e2e:api-docs
//
// Admin signs in to the console and follows "API explorer" in the same tab: scrolling down the page renders
// every tag and every operation of the served document (Swagger UI mounts only the rows near the viewport once
// a document has 150 tags and operations or more, so they are collected while scrolling, not counted at once);
// a deep link opens the secret request with its example; "Try it out" on GET /api/v1/auth/me (found with the
// filter) answers 200 with admin's own name (the request carried the console session). In a fresh browser
// context with no session the same request answers 401: the explorer never lends rights of its own. Fails on
// any browser console error except that expected 401. Screenshots: api-docs-*.png in web/target/screenshots/.
// Environment as for console.e2e.mjs.
import {
  errors, expect, expectNoBrowserErrors, finish, launchBrowser, newPage, reportFailure, shot, signIn, step, stokerTarget,
} from './support.mjs';

const { base, adminUser, adminPassword } = stokerTarget();

/** Filters the list down to the Auth tag, expands GET /api/v1/auth/me, presses Try it out and Execute; @return the status cell's text and the body. */
async function tryMe(page) {
  await page.locator('.operation-filter-input').fill('auth');
  const op = page.locator('.opblock-get:has(.opblock-summary-path[data-path="/api/v1/auth/me"])');
  await op.locator('.opblock-summary').first().click();
  await op.getByRole('button', { name: 'Try it out' }).click();
  await op.getByRole('button', { name: 'Execute' }).click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 15_000 });
  return { status: (await status.innerText()).trim(), body: await op.locator('.live-responses-table .microlight').first().innerText() };
}

/** The tags and operations ("get /api/v1/...") the page has mounted now. */
const mounted = (page) =>
  page.evaluate(() => ({
    tags: [...document.querySelectorAll('.swagger-ui .opblock-tag')].map((e) => e.dataset.tag),
    operations: [...document.querySelectorAll('.swagger-ui .opblock')].map(
      (e) => `${e.className.match(/opblock-(get|put|post|delete|patch|head|options)\b/)?.[1]} ${e.querySelector('.opblock-summary-path')?.dataset.path}`,
    ),
    y: window.scrollY,
    bottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
  }));

/** Scrolls from the top to the bottom a screen at a time; @return every tag and operation that rendered on the way. */
async function renderedWhileScrolling(page) {
  const tags = new Set();
  const operations = new Set();
  await page.evaluate(() => window.scrollTo(0, 0));
  const deadline = Date.now() + 90_000;
  for (let last = -1; Date.now() < deadline; ) {
    // two frames: the virtual list measures what it mounted and mounts what the new position shows
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = await mounted(page);
    now.tags.forEach((t) => tags.add(t));
    now.operations.forEach((o) => operations.add(o));
    if (now.bottom && now.y === last) break;
    last = now.y;
    await page.evaluate(() => window.scrollBy(0, Math.round(window.innerHeight * 0.8)));
  }
  return { tags, operations };
}

/** What the served document has: its tags and its operations as "method path". */
function documented(doc) {
  const tags = new Set();
  const operations = new Set();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) continue;
      operations.add(`${method} ${path}`);
      (op.tags ?? []).forEach((t) => tags.add(t));
    }
  }
  return { tags, operations };
}

const missing = (want, have) => [...want].filter((x) => !have.has(x));

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

  await step('scrolling the explorer renders every tag and every operation of the served document', async () => {
    const want = documented(await (await page.request.get(`${base}/api/v1/openapi.json`)).json());
    expect(want.tags.size > 0 && want.operations.size > 0, 'the served document has tags and operations');
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20_000 });
    await shot(page, 'api-docs-01-explorer', { fullPage: false });
    const seen = await renderedWhileScrolling(page);
    const tagsMissing = missing(want.tags, seen.tags);
    const opsMissing = missing(want.operations, seen.operations);
    expect(tagsMissing.length === 0, `${tagsMissing.length} of ${want.tags.size} tags never rendered: ${tagsMissing.join(', ')}`);
    expect(opsMissing.length === 0, `${opsMissing.length} of ${want.operations.size} operations never rendered: ${opsMissing.slice(0, 10).join(', ')}`);
    const extra = missing(seen.operations, want.operations);
    expect(extra.length === 0, `operations rendered that the document does not have: ${extra.join(', ')}`);
    console.log(`     ${seen.tags.size} tags and ${seen.operations.size} operations rendered`);
  });

  await step('a deep link opens its operation with the request example', async () => {
    // a fresh load (the tab keeps its session storage): Swagger UI reads the hash as it starts
    await page.goto('about:blank');
    await page.goto(`${base}/api/docs/#/Secret/secret.write`);
    const op = page.locator('.opblock.is-open:has(.opblock-summary-path[data-path="/api/v1/secrets"])');
    await op.waitFor({ timeout: 20_000 });
    await op.locator('.opblock-section-request-body').getByText('db/historian').first().waitFor({ timeout: 10_000 });
    await shot(page, 'api-docs-02-deep-link', { fullPage: false });
  });

  await step('"Try it out" acts as the signed-in user', async () => {
    const r = await tryMe(page);
    expect(r.status === '200', `GET /api/v1/auth/me answered ${r.status}`);
    expect(r.body.includes(`"username": "${adminUser}"`) || r.body.includes(`"username":"${adminUser}"`),
      `the answer names ${adminUser}: ${r.body.slice(0, 200)}`);
    await shot(page, 'api-docs-03-try-it-out');
  });

  await step('without a console session the same request is refused (no rights of its own)', async () => {
    const anon = await newPage(browser, 'anonymous');
    await anon.page.goto(`${base}/api/docs/`);
    await anon.page.locator('.swagger-ui .info .title').getByText('Stoker').waitFor({ timeout: 20_000 });
    const banner = await anon.page.locator('#stoker-session').innerText();
    expect(banner.startsWith('Not signed in'), `banner: ${banner}`);
    const r = await tryMe(anon.page);
    expect(r.status === '401', `anonymous GET /api/v1/auth/me answered ${r.status}`);
    await shot(anon.page, 'api-docs-04-anonymous');
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
