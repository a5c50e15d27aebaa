// Signing up, in and out in real Chromium against a real server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connected, signIn, webSuite } from '../helpers/browser.js';
import { PASSWORD } from '../helpers/server.js';

describe('web app: sign up, sign in, sign out', () => {
  const suite = webSuite();

  it('signs up through the form, lands in the empty chat, and names the device after the browser', async () => {
    const { page } = await suite.web.open({ path: '/' });
    await page.waitForURL('**/signin');
    await suite.web.screenshot(page, 'sign-in');
    await page.getByRole('link', { name: 'New here? Sign up' }).click();
    await page.getByLabel('Name', { exact: true }).fill('alice');
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await suite.web.screenshot(page, 'sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('No conversations yet. Search a user to start one.').waitFor();
    await connected(page);
    const alice = suite.server.client();
    await alice.login({ login: 'alice', password: PASSWORD, deviceName: 'checker' });
    const devices = await alice.devices();
    assert.ok(devices.some((d) => d.name === 'Chrome on Linux'), devices.map((d) => d.name).join());
    assert.deepEqual(page.problems, []);
  });

  it('a taken name is said in words, and the form keeps what was typed', async () => {
    const { page } = await suite.web.open({ path: '/signup' });
    await page.getByLabel('Name', { exact: true }).fill('alice');
    await page.getByLabel('Email').fill('other@example.com');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('alert').filter({ hasText: 'That name is taken.' }).waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), 'other@example.com');
  });

  it('signs in by keyboard alone, stays signed in across a reload, and signs out', async () => {
    await suite.server.user('bob');
    const { page } = await suite.web.open({ path: '/signin' });
    // The first field has focus; Tab walks the form and Enter submits.
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'login');
    await page.keyboard.type('bob');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Work laptop');
    await page.keyboard.press('Enter');
    await connected(page);
    await page.reload();
    await connected(page);
    assert.equal(new URL(page.url()).pathname, '/');
    const bob = await suite.server.user('bob', 'checker');
    assert.ok((await bob.devices()).some((d) => d.name === 'Work laptop'));

    await page.getByRole('link', { name: /^Profile/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    assert.ok(!(await bob.devices()).some((d) => d.name === 'Work laptop'), 'signing out ends the device on the server');
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(page.problems, []);
  });

  it('a wrong password is refused in words', async () => {
    const { page } = await suite.web.open({ path: '/signin' });
    await page.getByLabel('Name or email').fill('bob');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The name, email or password is wrong.' }).waitFor();
  });

  it('signs in by email too', async () => {
    const { page } = await suite.web.open({ path: '/signin' });
    await signIn(page, 'bob@example.com');
    assert.deepEqual(page.problems, []);
  });
});
