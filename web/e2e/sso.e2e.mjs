// End-to-end check of single sign-on against a real Stoker and a real OpenID provider run as its own JVM by
// scripts/lib/oidc-provider.sh (OIDC_PROVIDER: keycloak, the default, or mock: NAV's mock-oauth2-server), in
// Debian's Chromium:
//
//   STOKER_URL=http://localhost:8181 STOKER_ADMIN_PASSWORD=... OIDC_PROVIDER=keycloak \
//     OIDC_ISSUER=http://127.0.0.1:18371/realms/plant OIDC_USER_PASSWORD=... npm run e2e:sso
//
// Stoker is configured with the provider (group stoker-engineers=engineer, stoker-viewers=viewer; API
// audience stoker-api). A user signs in with the button on the console's sign-in page, at the provider's
// login page, and comes back signed in as an engineer created by the sign-in; signing out ends the session on
// the server. A CI job's access token from the provider's token endpoint calls the API as a viewer; a token
// for another audience, an expired one (Keycloak only: the mock's tokens all live as long), the same token's
// claims signed by another key or not signed at all are refused.
// Screenshots: sso-*.png in web/target/screenshots/.
import { createSign, generateKeyPairSync } from 'node:crypto';
import {
  expect, expectNoBrowserErrors, errors, finish, launchBrowser, newPage, reportFailure, sessionToken, shot, step, stokerTarget,
} from './support.mjs';

const { base } = stokerTarget();
const issuer = process.env.OIDC_ISSUER?.replace(/\/+$/, '');
const kind = process.env.OIDC_PROVIDER || 'mock';
if (!issuer || !['keycloak', 'mock'].includes(kind)) {
  console.error('Set OIDC_ISSUER and OIDC_PROVIDER (keycloak or mock).');
  process.exit(2);
}

/** What differs between the providers: Stoker's name for it, its users, clients and login page. */
const providers = {
  keycloak: {
    name: 'keycloak',
    button: 'Sign in with Plant Keycloak',
    user: 'erin',
    ciUser: 'service-account-stoker-ci',
    ci: { client_id: 'stoker-ci', client_secret: 'stoker-ci-secret' },
    otherAudience: { client_id: 'other-ci', client_secret: 'other-ci-secret' },
    shortLived: { client_id: 'short-ci', client_secret: 'short-ci-secret' },
    async login(page) {
      await page.locator('#username').fill('erin');
      await page.locator('#password').fill(process.env.OIDC_USER_PASSWORD ?? '');
      await shot(page, 'sso-02-provider-login');
      await page.locator('#kc-login').click();
    },
  },
  mock: {
    name: 'mock',
    button: 'Sign in with Mock provider',
    user: 'sso-erin',
    ciUser: 'sso-ci',
    ci: { client_id: 'ci', client_secret: 'ci', scope: 'stoker-api' },
    otherAudience: { client_id: 'ci', client_secret: 'ci', scope: 'other-api' },
    async login(page) {
      await page.locator('input[name="username"]').fill('sso-erin');
      await page.locator('textarea[name="claims"]').fill(JSON.stringify({ preferred_username: 'sso-erin', groups: ['stoker-engineers'] }));
      await shot(page, 'sso-02-provider-login');
      await page.locator('input[type="submit"]').click();
    },
  },
};
const provider = providers[kind];
const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();

const me = (token) => fetch(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });

/** An access token of the provider for a CI job (client credentials; the provider maps its claims). */
async function providerToken(client) {
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...client }),
  });
  expect(res.ok, `the provider's token endpoint answered ${res.status}`);
  return (await res.json()).access_token;
}

const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

const browser = await launchBrowser();
let exitCode = 0;
try {
  const { page, context } = await newPage(browser, 'sso-user');

  // a token that lives a second: Stoker allows a minute of clock skew, so it works now and is refused after
  let shortLived;
  if (provider.shortLived) {
    await step('a token of the provider works within its lifetime and the clock skew', async () => {
      shortLived = await providerToken(provider.shortLived);
      const res = await me(shortLived);
      expect(res.status === 200, `a fresh token answered ${res.status}`);
    });
  }

  await step('the sign-in page offers the provider and its button leads to the provider\'s login page', async () => {
    await page.goto(`${base}/console/signin?next=%2Fenvironments`);
    const button = page.getByRole('link', { name: provider.button });
    await button.waitFor({ timeout: 15_000 });
    await shot(page, 'sso-01-sign-in-page');
    await button.click();
    await page.waitForURL((url) => url.href.startsWith(discovery.authorization_endpoint), { timeout: 15_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('code_challenge_method') === 'S256', `PKCE asked for: ${url.search}`);
    expect(url.searchParams.get('redirect_uri') === `${base}/api/v1/auth/oidc/${provider.name}/callback`, `redirect: ${url.search}`);
  });

  await step('signing in at the provider comes back to the deep link, signed in as an engineer', async () => {
    await provider.login(page);
    await page.waitForURL(`${base}/console/environments`, { timeout: 20_000 });
    const user = await page.getByTestId('current-user').innerText();
    expect(user.trim() === provider.user, `current user: ${user}`);
    await shot(page, 'sso-03-signed-in');
  });

  let session;
  await step('the session is Stoker\'s own and the user was created with the mapped role', async () => {
    session = await sessionToken(page);
    const res = await me(session);
    const body = await res.json();
    expect(res.status === 200 && body.username === provider.user && body.role.toLowerCase() === 'engineer', JSON.stringify(body));
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
    const res = await me(await providerToken(provider.ci));
    const body = await res.json();
    expect(res.status === 200 && body.username === provider.ciUser && body.role.toLowerCase() === 'viewer', JSON.stringify(body));
  });

  await step('the same claims signed by another key are refused', async () => {
    const token = await providerToken(provider.ci);
    const [header, payload] = token.split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    const forged = `${header}.${payload}.${signer.sign(privateKey).toString('base64url')}`;
    expect((await me(forged)).status === 401, 'a token signed by a foreign key was accepted');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect((await me(unsigned)).status === 401, 'an unsigned token was accepted');
  });

  await step('a token of the provider for another audience is refused', async () => {
    const token = await providerToken(provider.otherAudience);
    const { aud } = claimsOf(token);
    expect(![aud].flat().includes('stoker-api'), `the other client's token names stoker-api: ${aud}`);
    expect((await me(token)).status === 401, 'a token for another audience was accepted');
  });

  if (shortLived) {
    await step('the token that lived a second is refused once it expired (past the clock skew)', async () => {
      const { exp } = claimsOf(shortLived);
      let status = 200;
      while (status === 200 && Date.now() / 1000 < exp + 120) {
        status = (await me(shortLived)).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 2_000));
      }
      const late = Date.now() / 1000 - exp;
      expect(status === 401, `the expired token still answered ${status} ${Math.round(late)} s after its expiry`);
      expect(late > 50, `the token was refused ${Math.round(late)} s after its expiry, within the clock skew`);
    });
  }

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
