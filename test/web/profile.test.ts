// The profile in the browser: email, password, devices, sign out, delete
// account; and a device revoked elsewhere leaving the app.
import assert from 'node:assert/strict';
import { until } from '../helpers/until.js';
import { describe, it } from 'node:test';
import { ChatApiError } from '../../src/sdk/index.js';
import { webSuite, type WebPage } from '../helpers/browser.js';
import { PASSWORD } from '../helpers/server.js';

/** A 401 the app caused on purpose shows in the console as a failed resource; nothing else may. */
function unexpected(page: WebPage): string[] {
  return page.problems.filter((p) => !/status of 401/.test(p));
}

describe('web app: profile', () => {
  const suite = webSuite();

  it('lists the devices with this one marked, renames and revokes another', async () => {
    const phone = await suite.server.user('alice', 'Phone');
    const { page } = await suite.web.openAs('alice', { path: '/profile', deviceName: 'Laptop' });
    const devices = page.getByRole('list', { name: 'Devices' });
    const laptop = devices.getByRole('listitem').filter({ hasText: 'Laptop' });
    await laptop.getByText('this device').waitFor();
    assert.equal(await laptop.getByRole('button', { name: /Revoke/ }).count(), 0, 'this device signs out, it is not revoked');
    await suite.web.screenshot(page, 'profile');

    await devices.getByRole('button', { name: 'Rename Phone' }).click();
    await devices.getByRole('textbox', { name: 'Rename Phone' }).fill('Old phone');
    await devices.getByRole('button', { name: 'Save' }).click();
    await devices.getByText('Old phone').waitFor();
    assert.ok((await phone.devices()).some((d) => d.name === 'Old phone'));

    await devices.getByRole('button', { name: 'Revoke Old phone' }).click();
    await devices.getByText('Old phone').waitFor({ state: 'detached' });
    await assert.rejects(phone.devices(), (e: ChatApiError) => e.status === 401);
    assert.deepEqual(page.problems, []);
  });

  it('changes the email and the password with the current password; a wrong one is refused in words', async () => {
    const other = await suite.server.user('bob', 'Other');
    const { page } = await suite.web.openAs('bob', { path: '/profile' });
    const emailForm = page.getByRole('form', { name: 'Change email' });
    await emailForm.getByLabel('New email').fill('bob.new@example.com');
    await emailForm.getByLabel('Current password').fill(PASSWORD);
    await emailForm.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('current-email').filter({ hasText: 'bob.new@example.com' }).waitFor();

    const passwordForm = page.getByRole('form', { name: 'Change password' });
    await passwordForm.getByLabel('Current password').fill('wrong password');
    await passwordForm.getByLabel('New password').fill('a brand new password');
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByRole('alert').waitFor();
    await passwordForm.getByLabel('Current password').fill(PASSWORD);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByText('Password changed. Your other devices were signed out.').waitFor();
    await assert.rejects(other.devices(), (e: ChatApiError) => e.status === 401);
    // This browser stays signed in.
    const devices = page.getByRole('list', { name: 'Devices' }).getByRole('listitem');
    await devices.filter({ hasText: 'this device' }).waitFor();
    // The list is fetched again after the change: wait for the signed-out device to leave it.
    await until(async () => (await devices.count()) === 1, 'only this device is listed');
    const relogin = suite.server.client();
    await relogin.login({ login: 'bob.new@example.com', password: 'a brand new password', deviceName: 'check' });
    assert.deepEqual(unexpected(page), []);
  });

  it('a device revoked elsewhere goes back to sign-in with a message', async () => {
    const { page, deviceId } = await suite.web.openAs('carol', { deviceName: 'Browser' });
    const elsewhere = await suite.server.user('carol', 'Elsewhere');
    await elsewhere.revokeDevice(deviceId);
    await page.waitForURL('**/signin');
    await page.getByText('This device was signed out. Sign in again.').waitFor();
    await suite.web.screenshot(page, 'revoked');
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(unexpected(page), []);
  });

  it('deletes the account only after a confirmation with the password', async () => {
    await suite.server.user('dave');
    const { page } = await suite.web.openAs('dave', { path: '/profile' });
    await page.getByRole('button', { name: 'Delete account' }).click();
    await page.getByText('This deletes your account, your devices and your messages for good.').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete account' }).click();
    await page.getByRole('group', { name: 'Delete account' }).getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL('**/signin');
    await assert.rejects(suite.server.client().login({ login: 'dave', password: PASSWORD, deviceName: 'x' }), (e: ChatApiError) => e.code === 'invalid_credentials');
    assert.deepEqual(unexpected(page), []);
  });
});
