// What happens over time: the network drops and comes back, a send fails and
// is retried, messages expire, notifications arrive while the tab is hidden.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connected, launchBrowser, type TestBrowser, type WebPage } from '../helpers/browser.js';
import { startProxy, type NetworkProxy } from '../helpers/proxy.js';
import { startServer, type TestServer } from '../helpers/server.js';

/** Offline on purpose: the browser reports the refused requests and sockets in the console. */
function unexpected(page: WebPage): string[] {
  return page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_(RESET|CLOSED|REFUSED)|ERR_EMPTY_RESPONSE|WebSocket connection to .* failed/.test(p));
}

describe('web app: connection, retries, expiry, notifications', () => {
  let server: TestServer;
  let web: TestBrowser;
  let proxy: NetworkProxy;
  before(async () => {
    // The browser may also come through a proxy whose network the test can cut: its origin may open the stream.
    proxy = await startProxy();
    server = await startServer({ messageTtlMs: 60_000, allowedOrigins: [proxy.url] });
    proxy.target(server.url);
    web = await launchBrowser(server);
  });
  after(async () => {
    await web?.close();
    await server?.close();
    await proxy?.close();
  });

  // The browser's clock starts at the server's (a test clock), so expiresAt means the same to both.
  const clockAt = () => server.clock.now();

  it('shows the connection dropping, resumes by itself, and loses nothing nor shows anything twice', async () => {
    const vic = await server.user('vic');
    await server.user('una');
    await vic.send({ to: 'una', body: 'before the drop' });
    const una = await web.openAs('una', { clockAt: clockAt(), baseURL: proxy.url });
    await una.page.getByRole('link', { name: /vic/ }).click();
    const log = una.page.getByRole('log');
    await log.getByText('before the drop').waitFor();

    proxy.drop();
    await una.page.locator('.connection[data-state="reconnecting"]').waitFor();
    await una.page.getByText('Connection lost, reconnecting…').waitFor();
    await web.screenshot(una.page, 'reconnecting');
    await vic.send({ to: 'una', body: 'while away 1' });
    await vic.send({ to: 'una', body: 'while away 2' });
    proxy.restore();
    await connected(una.page);
    await log.getByText('while away 2').waitFor();
    await vic.send({ to: 'una', body: 'after the drop' });
    await log.getByText('after the drop').waitFor();
    for (const body of ['before the drop', 'while away 1', 'while away 2', 'after the drop']) {
      assert.equal(await log.getByText(body, { exact: true }).count(), 1, body);
    }
    assert.deepEqual(unexpected(una.page), []);
  });

  it('a send that fails stays in the input with a retry, and the retry stores it once', async () => {
    const wes = await server.user('wes');
    await server.user('xia');
    await wes.send({ to: 'xia', body: 'hi xia' });
    const xia = await web.openAs('xia', { clockAt: clockAt() });
    await xia.page.getByRole('link', { name: /wes/ }).click();
    await xia.page.getByRole('log').getByText('hi xia').waitFor();

    await xia.context.setOffline(true);
    const input = xia.page.getByRole('textbox', { name: 'Message' });
    await input.fill('sent on the second try');
    await input.press('Enter');
    await xia.page.getByRole('alert').filter({ hasText: 'Not sent: The server cannot be reached.' }).waitFor();
    assert.equal(await input.inputValue(), 'sent on the second try');
    await web.screenshot(xia.page, 'send-failed');
    await xia.context.setOffline(false);
    await connected(xia.page);
    await xia.page.getByRole('button', { name: 'Retry' }).click();
    await xia.page.getByRole('log').getByText('sent on the second try').waitFor();
    assert.equal(await input.inputValue(), '');
    await xia.page.getByRole('alert').waitFor({ state: 'detached' });
    const [conversation] = await wes.conversations();
    const { messages } = await wes.history(conversation!.id);
    assert.deepEqual(messages.map((m) => m.body), ['hi xia', 'sent on the second try']);
    assert.deepEqual(unexpected(xia.page), []);
  });

  it('an expiring message disappears at expiresAt without a reload', async () => {
    const yan = await server.user('yan');
    await server.user('zoe');
    const zoe = await web.openAs('zoe', { clockAt: clockAt() });
    const sent = await yan.send({ to: 'zoe', body: 'this will vanish' });
    assert.equal(Date.parse(sent.expiresAt!), server.clock.now() + 60_000);
    await zoe.page.getByRole('link', { name: /yan/ }).click();
    await zoe.page.getByRole('log').getByText('this will vanish').waitFor();
    await zoe.page.clock.fastForward(30_000);
    assert.equal(await zoe.page.getByRole('log').getByText('this will vanish').count(), 1, 'still there half way');
    await zoe.page.clock.fastForward(31_000);
    await zoe.page.getByRole('log').getByText('this will vanish').waitFor({ state: 'detached' });
    await zoe.page.getByText('No messages yet. Say hello.').first().waitFor();
    assert.deepEqual(zoe.page.problems, []);
  });

  it('asks for notification permission on a click, notifies while the tab is hidden, counts unread in the title', async () => {
    const amy = await server.user('amy');
    await server.user('bea');
    const bea = await web.openAs('bea', {
      clockAt: clockAt(),
      permissions: ['notifications'],
      // Headless tabs are always visible: the test decides what the page reads, and records
      // each notification the app shows (the real Notification is still created).
      init: `
        window.__hidden = false;
        window.__notes = [];
        Object.defineProperty(document, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') });
        const Real = window.Notification;
        window.Notification = class extends Real {
          constructor(title, options) {
            super(title, options);
            window.__notes.push(title + ': ' + (options?.body ?? ''));
          }
        };`,
    });
    // Granted already by the context: the button shows only while the browser would ask.
    assert.equal(await bea.page.getByRole('button', { name: 'Enable notifications' }).count(), 0);
    await bea.page.evaluate(() => { (window as unknown as { __hidden: boolean }).__hidden = true; });
    await amy.send({ to: 'bea', body: 'ping while hidden' });
    await bea.page.waitForFunction(() => (window as unknown as { __notes: string[] }).__notes.includes('amy: ping while hidden'));
    await bea.page.waitForFunction(() => document.title === '(1) Chat');
    await bea.page.evaluate(() => { (window as unknown as { __hidden: boolean }).__hidden = false; });
    await amy.send({ to: 'bea', body: 'ping while visible' });
    await bea.page.waitForFunction(() => document.title === '(2) Chat');
    assert.deepEqual(await bea.page.evaluate(() => (window as unknown as { __notes: string[] }).__notes), ['amy: ping while hidden'], 'no notification for a visible tab');
    assert.deepEqual(bea.page.problems, []);

    // Without permission yet, the button asks on a click.
    const other = await web.openAs('amy', { clockAt: clockAt() });
    await other.page.getByRole('button', { name: 'Enable notifications' }).click();
    await other.page.getByRole('button', { name: 'Enable notifications' }).waitFor({ state: 'detached' });
  });
});
