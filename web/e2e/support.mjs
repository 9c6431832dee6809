// What the browser tests share: step bookkeeping, Chromium with a page per user whose console errors are
// collected, and small page helpers. Each test script is its own process, so the lists here are its own.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const SHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));

/** Browser console errors, page errors and failed requests of every page made by `newPage`. */
export const errors = [];
/** One line per step: `ok   name (ms)` or `FAIL name: message`. */
export const steps = [];

export const step = async (name, fn) => {
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

export const expect = (cond, message) => {
  if (!cond) throw new Error(message);
};

/** Debian's Chromium (CHROMIUM), headless unless E2E_HEADFUL=1; makes the screenshot folder. */
export async function launchBrowser() {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: process.env.E2E_HEADFUL !== '1',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'].filter(
      (a) => a !== '--headless' || process.env.E2E_HEADFUL !== '1',
    ),
  });
}

/** A fresh context (its own session storage) and page; what goes wrong in it lands in `errors`. */
export async function newPage(browser, label) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    // a failed request's message names its status; its URL is the location (the page URL is the page's)
    const from = m.location()?.url;
    if (m.type() === 'error') errors.push(`[${label}] console: ${m.text()} (${from && from !== page.url() ? `${from} on ` : ''}${page.url()})`);
  });
  page.on('pageerror', (e) => errors.push(`[${label}] page error: ${e.message} (${page.url()})`));
  page.on('requestfailed', (r) => {
    if (!/net::ERR_ABORTED/.test(r.failure()?.errorText ?? '')) errors.push(`[${label}] request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { context, page };
}

/** Waits until the page's heading shows and no loading indicator remains. */
export async function settle(page, heading) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15_000 });
}

/** A screenshot of the whole page, or with `{ fullPage: false }` of the viewport only. */
export async function shot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
}

export async function signIn(page, username, password) {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The session's bearer token, for API calls made next to the browser. */
export async function sessionToken(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('stoker.session') ?? '{}').token);
}

/**
 * The Stoker a browser test runs against, from STOKER_URL, STOKER_ADMIN_USER (default admin) and
 * STOKER_ADMIN_PASSWORD; exits with a usage line when one is missing.
 */
export function stokerTarget() {
  const base = process.env.STOKER_URL?.replace(/\/+$/, '');
  const adminPassword = process.env.STOKER_ADMIN_PASSWORD;
  if (!base || !adminPassword) {
    console.error('Set STOKER_URL and STOKER_ADMIN_PASSWORD.');
    process.exit(2);
  }
  return { base, adminUser: process.env.STOKER_ADMIN_USER ?? 'admin', adminPassword };
}

/** The end of a test's try block: no browser console error may be left. */
export function expectNoBrowserErrors() {
  expect(errors.length === 0, `browser console errors:\n  ${errors.join('\n  ')}`);
  steps.push('ok   no browser console errors');
}

/**
 * Forgets the browser's own console error ("Failed to load resource: ... status of 400") for an answer a
 * step provoked on purpose, e.g. a form sent with a bad value to see the server's refusal shown. Only errors
 * naming that status and that API path go; anything else still fails the test.
 */
export function forgetProvokedHttpError(status, apiPath) {
  for (let i = errors.length - 1; i >= 0; i--) {
    if (errors[i].includes(`status of ${status}`) && errors[i].includes(apiPath)) errors.splice(i, 1);
  }
}

/** The catch of a test's try block: reports what failed. @return the exit code 1 */
export function reportFailure(e) {
  if (errors.length) console.error(`browser console errors:\n  ${errors.join('\n  ')}`);
  if (!steps.at(-1)?.startsWith('FAIL')) console.error(e.message);
  return 1;
}

/** Prints every step and the verdict, and ends the process with `exitCode`. */
export function finish(exitCode) {
  console.log(`\n${steps.join('\n')}\nscreenshots: ${SHOTS}\n${exitCode ? 'E2E FAILED' : 'E2E PASSED'}`);
  process.exit(exitCode);
}
