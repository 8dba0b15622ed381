// Drives the preview page (GET /preview) in a real browser, Debian's chromium through
// playwright-core, against a bridge running on the sandbox:
//   node .ci/preview-page-check.js <api base URL> <screenshot.png>
// The demo key and the cart visitor must show the email with the cart's product names and
// images in the sandboxed iframe and the explain table listing the dropped entities; a
// refused key must show the problem's message; nothing may break the page's CSP.
// The demo catalog's images are on cdn.example.com, which does not exist: the browser is
// answered for it with a placeholder picture naming the product, so the screenshot shows
// where each image goes. Nothing else is intercepted. Chromium puts a sandboxed iframe in a
// process of its own, whose requests Playwright cannot intercept: IsolateSandboxedIframes is
// turned off for that alone (the iframe stays sandboxed: no scripts, an opaque origin).
'use strict';

const { chromium } = require('playwright-core');

const [base, screenshot] = process.argv.slice(2);
const CART_VISITOR = '45781285307713846961427437541683283427';

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
  console.log('ok - ' + message);
}

function placeholder(url) {
  const name = decodeURIComponent(url.split('/').pop()).replace(/\.\w+$/, '').replace(/[^\w-]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" fill="#d9e2ec"/>`
    + `<text x="120" y="126" font-family="sans-serif" font-size="16" text-anchor="middle" fill="#334">${name}</text></svg>`;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-features=IsolateSandboxedIframes'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1320, height: 940 } });
    const violations = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    page.on('pageerror', (error) => violations.push('page error: ' + error.message));
    const images = [];
    await page.route('https://cdn.example.com/**', (route) => {
      images.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: placeholder(route.request().url()) });
    });

    const response = await page.goto(base + '/preview');
    check(response.status() === 200, 'GET /preview answers 200');
    const policy = response.headers()['content-security-policy'] || '';
    check(policy.includes("script-src 'self'") && !/script-src[^;]*unsafe-inline/.test(policy),
      'the page has a CSP without inline script');

    const visitor = page.getByRole('button', { name: /cart visitor: left two winter coats/ });
    await visitor.waitFor();
    check(true, 'the sandbox lists its demo visitors');
    await visitor.click();
    check(await page.locator('#ecid').inputValue() === CART_VISITOR, 'choosing the cart visitor fills in its ECID');
    await page.locator('#apiKey').fill('sandbox-demo-key');
    await page.locator('#submit').click();
    await page.locator('#result').waitFor({ state: 'visible' });

    const sandbox = await page.locator('#email').getAttribute('sandbox');
    check(sandbox === '', 'the email iframe is sandboxed without scripts');
    const email = page.frameLocator('#email');
    const cart = ['Alpine Down Coat', 'Harbor Parka', 'Everyday Crew Sweatshirt'];
    for (const name of cart) {
      await email.getByText(name, { exact: true }).first().waitFor();
    }
    check(true, 'the email shows the cart\'s products: ' + cart.join(', '));
    const sources = await email.locator('img').evaluateAll((all) => all.map((img) => img.src));
    check(sources.some((src) => src.endsWith('/coat-alpine-01.jpg')), 'the email shows the cart\'s images');
    // The iframe has an opaque origin: its images are read through Playwright's frame.
    let loaded = false;
    for (let tries = 0; tries < 50 && !loaded; tries++) {
      loaded = await email.locator('img').evaluateAll(
        (all) => all.length > 0 && all.every((img) => img.complete && img.naturalWidth > 0));
      if (!loaded) {
        await page.waitForTimeout(100);
      }
    }
    check(loaded && images.length > 0, 'and its images load');

    const lines = await page.locator('#cart tbody tr td:first-child').allTextContents();
    check(['coat-alpine-01', 'coat-parka-02', 'sweat-crew-03'].every((id) => lines.includes(id)),
      'the explain table lists the cart\'s lines: ' + lines.join(', '));
    const dropped = await page.locator('#entities tbody tr.dropped td.fate').allTextContents();
    check(dropped.length > 0, 'the explain table lists the dropped entities: ' + [...new Set(dropped)].join(', '));
    const kept = await page.locator('#entities tbody tr.kept').count();
    check(kept > 0, 'and the kept ones');
    check((await page.locator('#json').textContent()).includes('"explain"'), 'the JSON is shown');
    check((await page.locator('#apiKey').inputValue()) === 'sandbox-demo-key' && (await page.evaluate(
      () => window.localStorage.length + window.sessionStorage.length + document.cookie.length)) === 0,
      'the key is stored nowhere');
    if (screenshot) {
      await page.screenshot({ path: screenshot, fullPage: false });
      console.log('screenshot: ' + screenshot);
    }

    await page.locator('#apiKey').fill('not-a-key');
    await page.locator('#submit').click();
    const problem = page.locator('#problem');
    await problem.waitFor({ state: 'visible' });
    const message = await problem.textContent();
    check(/valid API key in the X-Api-Key header/.test(message), 'a refused key shows the problem: ' + message);
    check(await page.locator('#result').isHidden(), 'and no stale email');

    check(violations.length === 0, 'no CSP violation or script error' + (violations.length ? ': ' + violations.join(' | ') : ''));
  }
  finally {
    await browser.close();
  }
})().catch((failure) => {
  console.error('not ok - ' + failure.message);
  process.exit(1);
});
