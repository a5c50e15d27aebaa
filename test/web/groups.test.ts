// Groups in the browser: created, changed and left, appearing for the others live.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webSuite } from '../helpers/browser.js';

describe('web app: groups', () => {
  const suite = webSuite();

  it('a group created in the form appears for a member live with its first message; members added, removed, and leaving', async () => {
    await suite.server.user('carol');
    await suite.server.user('dave');
    const alice = await suite.web.openAs('alice');
    const bob = await suite.web.openAs('bob');

    await alice.page.getByRole('button', { name: 'New group' }).click();
    await alice.page.getByLabel('Group title').fill('Team <b>');
    await alice.page.getByLabel('Members (names, separated by commas)').fill('bob, carol');
    await alice.page.getByRole('button', { name: 'Create' }).click();
    await alice.page.getByRole('heading', { name: 'Team <b>' }).waitFor();
    await alice.page.getByText('Group of 3').waitFor();
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('welcome, team');
    await alice.page.getByRole('textbox', { name: 'Message' }).press('Enter');

    const bobList = bob.page.getByRole('navigation', { name: 'Conversations' });
    await bobList.getByRole('link', { name: /Team <b>/ }).getByText('alice: welcome, team').waitFor();
    await bobList.getByRole('link', { name: /Team <b>/ }).click();
    await bob.page.getByRole('log').getByText('welcome, team').waitFor();

    // Alice adds dave and removes carol from the settings.
    await alice.page.getByRole('button', { name: 'Group settings' }).click();
    const settings = alice.page.getByRole('region', { name: 'Group settings' });
    await suite.web.screenshot(alice.page, 'group-settings');
    await settings.getByRole('textbox', { name: 'Member name' }).fill('dave');
    await settings.getByRole('button', { name: 'Add member' }).click();
    await settings.getByRole('listitem').filter({ hasText: 'dave' }).waitFor();
    await settings.getByRole('button', { name: 'Remove carol' }).click();
    await settings.getByRole('listitem').filter({ hasText: 'carol' }).waitFor({ state: 'detached' });
    await alice.page.getByText('Group of 3').waitFor();
    const dave = await suite.server.user('dave', 'sdk');
    assert.ok((await dave.conversations()).some((c) => c.title === 'Team <b>'));
    const carol = await suite.server.user('carol', 'sdk');
    assert.ok(!(await carol.conversations()).some((c) => c.title === 'Team <b>'));

    // Bob leaves: the group goes from his list, and he is back at the list.
    await bob.page.getByRole('button', { name: 'Group settings' }).click();
    await bob.page.getByRole('button', { name: 'Leave group' }).click();
    await bob.page.waitForURL((u) => u.pathname === '/');
    await bobList.getByRole('link', { name: /Team/ }).waitFor({ state: 'detached' });
    assert.deepEqual(alice.page.problems, []);
    assert.deepEqual(bob.page.problems, []);
  });

  it('a user name that does not exist is refused in words', async () => {
    const erin = await suite.web.openAs('erin');
    await erin.page.getByRole('button', { name: 'New group' }).click();
    await erin.page.getByLabel('Group title').fill('Nobody');
    await erin.page.getByLabel('Members (names, separated by commas)').fill('no-such-user');
    await erin.page.getByRole('button', { name: 'Create' }).click();
    await erin.page.getByRole('alert').filter({ hasText: 'No user has that name.' }).waitFor();
  });

  it('a group created by someone else appears without a reload or a message, renamed live, and goes when removed', async () => {
    const frank = await suite.web.openAs('frank');
    const grace = await suite.server.user('grace');
    const group = await grace.createGroup('Quiet group', ['frank']);
    const list = frank.page.getByRole('navigation', { name: 'Conversations' });
    await list.getByRole('link', { name: /Quiet group/ }).waitFor();
    await grace.renameGroup(group.id, 'Renamed group');
    await list.getByRole('link', { name: /Renamed group/ }).waitFor();
    await list.getByRole('link', { name: /Renamed group/ }).click();
    await frank.page.getByRole('heading', { name: 'Renamed group' }).waitFor();
    await grace.removeMember(group.id, frank.userId);
    await list.getByRole('link', { name: /Renamed group/ }).waitFor({ state: 'detached' });
    await frank.page.getByText('This conversation is not available any more.').waitFor();
    assert.deepEqual(frank.page.problems, []);
  });

  it('a group renamed in the settings is renamed for the other members live', async () => {
    const henry = await suite.web.openAs('henry');
    const ivan = await suite.web.openAs('ivan');
    const h = await suite.server.user('henry', 'sdk');
    const group = await h.createGroup('Old name', ['ivan']);
    await h.send({ conversationId: group.id, body: 'hi' });
    await henry.page.getByRole('link', { name: /Old name/ }).click();
    await henry.page.getByRole('button', { name: 'Group settings' }).click();
    await henry.page.getByRole('textbox', { name: 'Rename group' }).fill('New name');
    await henry.page.getByRole('button', { name: 'Rename group' }).click();
    await henry.page.getByRole('heading', { name: 'New name' }).waitFor();
    await ivan.page.getByRole('link', { name: /New name/ }).waitFor();
    assert.deepEqual(henry.page.problems, []);
  });
});
