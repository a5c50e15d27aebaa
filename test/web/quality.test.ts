// The app for everyone: Russian, a 360 px phone, dark theme, keyboard only.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ARTIFACTS, connected, conversationLink, webSuite } from '../helpers/browser.js';
import { PASSWORD } from '../helpers/server.js';

describe('web app: languages, phones, themes, keyboard', () => {
  const suite = webSuite();

  it('speaks Russian to a Russian browser; the switch changes it and is remembered', async () => {
    await suite.server.user('olga');
    const { page } = await suite.web.open({ path: '/signin', locale: 'ru-RU' });
    await page.getByRole('heading', { name: 'Вход в чат' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
    await page.getByLabel('Имя или эл. почта').fill('olga');
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Подключено').waitFor();
    await page.getByText('Бесед пока нет. Найдите пользователя, чтобы начать.').waitFor();
    await suite.web.screenshot(page, 'chat-russian');

    await page.getByRole('combobox', { name: 'Язык' }).selectOption('en');
    await page.getByText('Connected').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'New group' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await page.getByRole('button', { name: 'Новая группа' }).waitFor();
    assert.deepEqual(page.problems, []);
  });

  it('works on a 360 px phone: no sideways scroll, one pane at a time, the composer in view', async () => {
    const sam = await suite.server.user('sam');
    await suite.server.user('pia');
    await sam.send({ to: 'pia', body: 'a long line '.repeat(40) + 'https://example.com/' + 'x'.repeat(300) });
    const { page } = await suite.web.openAs('pia', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(await noSideways(), 'the list fits');
    await suite.web.screenshot(page, 'phone-list');
    await page.getByRole('link', { name: /sam/ }).click();
    await page.getByRole('log').getByText('a long line', { exact: false }).waitFor();
    assert.ok(await noSideways(), 'the conversation fits, long words and links wrap');
    assert.equal(await page.getByRole('navigation', { name: 'Conversations' }).isVisible(), false, 'one pane at a time');
    const composer = page.getByRole('textbox', { name: 'Message' });
    const box = await composer.boundingBox();
    assert.ok(box && box.y + box.height <= 740 && box.x >= 0 && box.x + box.width <= 360, `composer in view: ${JSON.stringify(box)}`);
    assert.ok(await page.getByRole('button', { name: 'Send' }).isVisible());
    await suite.web.screenshot(page, 'phone-conversation');
    await page.getByRole('link', { name: 'Back to conversations' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    assert.deepEqual(page.problems, []);
  });

  it('follows a dark system theme, and the chat screenshots for the README are taken light and dark', async () => {
    const ann = await suite.server.user('ann');
    await suite.server.user('ben');
    const ben = await suite.server.user('ben', 'sdk');
    const group = await ben.createGroup('Design team', ['ann']);
    await ben.send({ conversationId: group.id, body: 'New mockups are up.' });
    suite.server.clock.advance(4 * 60_000);
    await ann.send({ to: 'ben', body: 'Lunch at noon? The menu: https://example.com/menu' });
    suite.server.clock.advance(2 * 60_000);
    await ben.send({ to: 'ann', body: 'Sounds good!\nI will book a table for two.' });
    suite.server.clock.advance(60_000);
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await suite.web.openAs('ann', { colorScheme: scheme, viewport: { width: 1000, height: 600 } });
      await conversationLink(page, 'ben').click();
      if (scheme === 'light') {
        await page.getByRole('textbox', { name: 'Message' }).fill('Yes, see you there');
        await page.getByRole('textbox', { name: 'Message' }).press('Enter');
      }
      await page.getByRole('log').getByText('Yes, see you there').waitFor();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const dark = background === 'rgb(17, 20, 24)';
      assert.equal(dark, scheme === 'dark', `${scheme}: body is ${background}`);
      await suite.web.screenshot(page, `chat-${scheme}`);
      assert.deepEqual(page.problems, []);
    }
    // The README's pictures come from this run (refreshed when WEB_DOCS_SCREENSHOTS=1).
    if (process.env.WEB_DOCS_SCREENSHOTS === '1') {
      mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
      for (const scheme of ['light', 'dark']) copyFileSync(join(ARTIFACTS, `chat-${scheme}.png`), new URL(`../../docs/web-chat-${scheme}.png`, import.meta.url).pathname);
    }
  });

  it('is usable by keyboard alone: search, open, write, send, with a visible focus', async () => {
    await suite.server.user('kim');
    const { page } = await suite.web.openAs('lee');
    const focusVisible = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? getComputedStyle(el).outlineStyle !== 'none' && getComputedStyle(el).outlineWidth !== '0px' : false;
    });
    // Tab from the page start reaches the search field; typing finds kim; Tab reaches the result.
    let guard = 0;
    while (!(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') === 'Search users')) && guard++ < 10) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await focusVisible(), 'the focused field shows it');
    await page.keyboard.type('kim');
    await page.getByRole('button', { name: 'Message kim' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Message kim');
    assert.ok(await focusVisible(), 'the focused button shows it');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New conversation with kim' }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.type('typed with keys only');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/c\//);
    await connected(page);
    const body = page.getByRole('log').locator('.body').first();
    await body.waitFor();
    assert.equal(await body.textContent(), 'typed with keys only\nsecond line', 'shown as sent, line break included');
    assert.deepEqual(page.problems, []);
  });
});
