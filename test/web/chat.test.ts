// Two people chatting live in two browser contexts of real Chromium, against
// a real server: direct conversations, typing, "seen", unread counts, delete,
// message bodies as text, history paging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webSuite } from '../helpers/browser.js';

describe('web app: chat', () => {
  const suite = webSuite();

  it('two people chat live both ways: search, first message, unread, typing, seen, reorder', async () => {
    await suite.server.user('bob');
    const alice = await suite.web.openAs('alice');
    const bob = await suite.web.openAs('bob');
    await bob.page.getByText('No conversations yet. Search a user to start one.').waitFor();

    // Alice finds bob and writes first: the direct conversation is created by that message.
    await alice.page.getByLabel('Search users').fill('BO');
    await alice.page.getByRole('button', { name: 'Message bob' }).click();
    await alice.page.getByRole('heading', { name: 'New conversation with bob' }).waitFor();
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('hello bob');
    await alice.page.getByRole('button', { name: 'Send' }).click();
    await alice.page.waitForURL(/\/c\/.+/);
    await alice.page.getByRole('log').getByText('hello bob').waitFor();

    // Bob sees it appear in his list, unread, with the count in the tab title.
    const bobItem = bob.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /alice/ });
    await bobItem.getByText('alice: hello bob').waitFor();
    await bobItem.getByLabel('1 unread').waitFor();
    await bob.page.waitForFunction(() => document.title === '(1) Chat');
    await suite.web.screenshot(bob.page, 'chat-list-unread');

    // Bob opens it: read; alice's message is marked seen; bob's typing shows at alice's.
    await bobItem.click();
    await bob.page.getByRole('log').getByText('hello bob').waitFor();
    await bob.page.waitForFunction(() => document.title === 'alice · Chat');
    await alice.page.getByText('Seen').waitFor();
    await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('hi al');
    await alice.page.getByText('bob is typing…').waitFor();
    await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await alice.page.getByRole('log').getByText('hi al').waitFor();
    await alice.page.getByText('bob is typing…').waitFor({ state: 'hidden' });
    // The answer to bob's send may come after alice has the message from her stream.
    await bob.page.waitForFunction(() => document.querySelector('textarea')?.value === '');

    // A message in another conversation moves it to the top of alice's list.
    const carol = await suite.server.user('carol');
    suite.server.clock.advance(1000); // a later message, by the server's clock
    await carol.send({ to: 'alice', body: 'carol here' });
    const items = alice.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link');
    await items.first().getByText('carol: carol here').waitFor();
    await items.first().getByLabel('1 unread').waitFor();
    assert.equal(await items.count(), 2);
    await suite.web.screenshot(alice.page, 'chat');

    // Presence: contacts online when the stream opens are announced to it (a contact made
    // during this stream is not: the server announces presence only on a change).
    await alice.page.reload();
    await alice.page.getByRole('log').getByText('hi al').waitFor();
    assert.equal(await items.filter({ hasText: 'bob' }).getByLabel(/unread/).count(), 0, 'what arrived in the open conversation was read');
    await alice.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /carol/ }).getByRole('img', { name: 'offline' }).waitFor();
    await alice.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /bob/ }).getByRole('img', { name: 'online' }).waitFor();
    assert.deepEqual(alice.page.problems, []);
    assert.deepEqual(bob.page.problems, []);
  });

  it('a message with HTML is shown as text and runs nothing; only http(s) links are clickable, safely', async () => {
    const dave = await suite.server.user('dave');
    const erin = await suite.web.openAs('erin');
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> <b>bold</b> javascript:alert(1) https://example.com/path?q=1.';
    await dave.send({ to: 'erin', body: hostile });
    await erin.page.getByRole('link', { name: /dave/ }).click();
    const log = erin.page.getByRole('log');
    await log.getByText('<b>bold</b>', { exact: false }).waitFor();
    const body = log.locator('.body').first();
    assert.equal(await body.textContent(), hostile);
    assert.equal(await log.locator('img, script, b').count(), 0, 'no element came from the body');
    assert.equal(await erin.page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    const links = log.locator('a');
    assert.equal(await links.count(), 1);
    assert.equal(await links.first().getAttribute('href'), 'https://example.com/path?q=1');
    assert.equal(await links.first().getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await links.first().getAttribute('target'), '_blank');
    assert.deepEqual(erin.page.problems, []);
  });

  it('deleting my message removes it for everyone live', async () => {
    const frank = await suite.web.openAs('frank');
    const grace = await suite.web.openAs('grace');
    const g = await suite.server.user('grace', 'sdk');
    await g.send({ to: 'frank', body: 'keep this' });
    await frank.page.getByRole('link', { name: /grace/ }).click();
    await frank.page.getByRole('textbox', { name: 'Message' }).fill('oops, wrong chat');
    await frank.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await grace.page.getByRole('link', { name: /frank/ }).click();
    await grace.page.getByRole('log').getByText('oops, wrong chat').waitFor();
    assert.equal(await grace.page.getByRole('button', { name: 'Delete message' }).count(), 1, 'only her own message can be deleted by her');

    const mine = frank.page.getByRole('listitem').filter({ hasText: 'oops, wrong chat' });
    await mine.getByRole('button', { name: 'Delete message' }).click();
    await frank.page.getByRole('log').getByText('oops, wrong chat').waitFor({ state: 'hidden' });
    await grace.page.getByRole('log').getByText('oops, wrong chat').waitFor({ state: 'hidden' });
    await grace.page.getByRole('log').getByText('keep this').waitFor();
    assert.deepEqual(frank.page.problems, []);
    assert.deepEqual(grace.page.problems, []);
  });

  it('history loads older pages when scrolled to the top and keeps what you were reading in place', async () => {
    const henry = await suite.server.user('henry');
    const ivan = await suite.server.user('ivan');
    for (let i = 1; i <= 120; i++) await henry.send({ to: 'ivan', body: `line ${i}` });
    void ivan;
    const reader = await suite.web.openAs('ivan');
    await reader.page.getByRole('link', { name: /henry/ }).click();
    const log = reader.page.getByRole('log');
    await log.getByText('line 120', { exact: true }).waitFor();
    assert.equal(await log.locator('li.message').count(), 50);
    await log.getByText('line 71', { exact: true }).waitFor();

    // Scroll to the top: the next page arrives, and "line 71" stays where it was on screen.
    // Where line 71 is on screen right at the top, before the scroll event asks for the older page.
    const before = await log.evaluate((el) => {
      el.scrollTo({ top: 0 });
      return Array.from(el.querySelectorAll('li.message')).find((li) => li.textContent?.includes('line 71'))?.getBoundingClientRect().y;
    });
    await log.getByText('line 21', { exact: true }).waitFor({ state: 'attached' });
    assert.equal(await log.locator('li.message').count(), 100);
    const afterLoad = await log.locator('li.message').filter({ hasText: /^.*line 71$/ }).boundingBox();
    assert.ok(before !== undefined && afterLoad && Math.abs(before - afterLoad.y) < 5, `kept in place: ${before} -> ${afterLoad?.y}`);

    // By keyboard too: the button loads the last page, then goes away.
    await log.getByRole('button', { name: 'Load older messages' }).focus();
    await reader.page.keyboard.press('Enter');
    await log.getByText('line 1', { exact: true }).waitFor({ state: 'attached' });
    assert.equal(await log.locator('li.message').count(), 120);
    await log.getByRole('button', { name: 'Load older messages' }).waitFor({ state: 'detached' });
    assert.deepEqual(reader.page.problems, []);
  });

  it('a conversation that is not yours, or gone, is said in words, without a failed request', async () => {
    const owner = await suite.server.user('owner');
    await suite.server.user('other');
    const theirs = await owner.send({ to: 'other', body: 'private' });
    const { page } = await suite.web.openAs('outsider', { path: `/c/${theirs.conversationId}` });
    await page.getByText('This conversation is not available any more.').waitFor();
    assert.deepEqual(page.problems, []);
  });
});
