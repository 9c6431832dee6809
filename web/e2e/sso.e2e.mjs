// End-to-end check of single sign-on against a real Stoker and a real OpenID provider (NAV's
// mock-oauth2-server, run as its own JVM by scripts/e2e.sh with OIDC_ISSUER), in Debian's Chromium:
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... OIDC_ISSUER=http://127.0.0.1:18290/stoker \
//     npm run e2e:sso
//
// Stoker is configured with the provider "mock" (group stoker-engineers=engineer, default role viewer; API
// audience stoker-api). A user signs in with the button on the console's sign-in page, at the provider's
// login page, and comes back signed in as an engineer created by the sign-in; signing out ends the session on
// the server. A CI job's access token from the provider's token endpoint calls the API as a viewer; the same
// token's claims signed by another key, or not signed at all, are refused.
// Screenshots: sso-*.png in web/target/screenshots/.
import { createSign, generateKeyPairSync } from 'node:crypto';
import {
  expect, expectNoBrowserErrors, errors, finish, launchBrowser, newPage, reportFailure, sessionToken, shot, step, stokerTarget,
} from './support.mjs';

const { base } = stokerTarget();
const issuer = process.env.OIDC_ISSUER?.replace(/\/+$/, '');
if (!issuer) {
  console.error('Set OIDC_ISSUER.');
  process.exit(2);
}

const me = (token) => fetch(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });

/** An access token of the provider for a CI job (client credentials; the provider maps its claims). */
async function providerToken(audience) {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'ci', client_secret: 'ci', scope: audience }),
  });
  expect(res.ok, `the provider's token endpoint answered ${res.status}`);
  return (await res.json()).access_token;
}

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

const browser = await launchBrowser();
let exitCode = 0;
try {
  const { page, context } = await newPage(browser, 'sso-user');

  await step('the sign-in page offers the provider and its button leads to the provider\'s login page', async () => {
    await page.goto(`${base}/console/signin?next=%2Fenvironments`);
    const button = page.getByRole('link', { name: 'Sign in with Mock provider' });
    await button.waitFor({ timeout: 15_000 });
    await shot(page, 'sso-01-sign-in-page');
    await button.click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/authorize`), { timeout: 15_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('code_challenge_method') === 'S256', `PKCE asked for: ${url.search}`);
    expect(url.searchParams.get('redirect_uri') === `${base}/api/v1/auth/oidc/mock/callback`, `redirect: ${url.search}`);
  });

  await step('signing in at the provider comes back to the deep link, signed in as an engineer', async () => {
    await page.locator('input[name="username"]').fill('sso-erin');
    await page.locator('textarea[name="claims"]').fill(JSON.stringify({ preferred_username: 'sso-erin', groups: ['stoker-engineers'] }));
    await shot(page, 'sso-02-provider-login');
    await page.locator('input[type="submit"]').click();
    await page.waitForURL(`${base}/console/environments`, { timeout: 20_000 });
    const user = await page.getByTestId('current-user').innerText();
    expect(user.trim() === 'sso-erin', `current user: ${user}`);
    await shot(page, 'sso-03-signed-in');
  });

  let session;
  await step('the session is Stoker\'s own and the user was created with the mapped role', async () => {
    session = await sessionToken(page);
    const res = await me(session);
    const body = await res.json();
    expect(res.status === 200 && body.username === 'sso-erin' && body.role.toLowerCase() === 'engineer', JSON.stringify(body));
  });

  await step('signing out ends the session on the server', async () => {
    // the console leaves at once and tells the server in the background: wait for the server's answer
    const [logout] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
      page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    expect(logout.status() === 204, `sign-out answered ${logout.status()}`);
    await page.waitForURL(`${base}/console/signin`);
    const res = await me(session);
    expect(res.status === 401, `the old session answered ${res.status}`);
    await shot(page, 'sso-04-signed-out');
  });

  await step('a CI job calls the API with the provider\'s access token, as the role its groups map to', async () => {
    const res = await me(await providerToken('stoker-api'));
    const body = await res.json();
    expect(res.status === 200 && body.username === 'sso-ci' && body.role.toLowerCase() === 'viewer', JSON.stringify(body));
  });

  await step('the same claims signed by another key are refused', async () => {
    const token = await providerToken('stoker-api');
    const [header, payload] = token.split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    const forged = `${header}.${payload}.${signer.sign(privateKey).toString('base64url')}`;
    expect((await me(forged)).status === 401, 'a token signed by a foreign key was accepted');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect((await me(unsigned)).status === 401, 'an unsigned token was accepted');
  });

  await context.close();
  // what the provider's own login page logs (it asks for web fonts this machine cannot reach) is not the console's
  for (let i = errors.length - 1; i >= 0; i--) if (errors[i].includes(`(${issuer}/`) || !errors[i].includes(base)) errors.splice(i, 1);
  expectNoBrowserErrors();
} catch (e) {
  exitCode = reportFailure(e);
} finally {
  await browser.close();
}
finish(exitCode);
