// The web app's state logic, without a browser: the chat reducer, links,
// the language choice and the default device name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Conversation, Message } from '../../src/sdk/index.js';
import { defaultDeviceName } from '../../web/src/device-name.js';
import { chooseLang, format } from '../../web/src/i18n/lang.js';
import { en, ru } from '../../web/src/i18n/messages.js';
import { linkPieces } from '../../web/src/links.js';
import { tabTitle } from '../../web/src/notifications.js';
import { parseRoute } from '../../web/src/routes.js';
import {
  chatReducer, conversationList, conversationName, directWith, initialState, nextDeadline, seenMessageId, totalUnread, typingNames,
  type ChatAction, type ChatState,
} from '../../web/src/state/chat-state.js';
import { APP_ROUTES } from '../../src/http/web.js';

const me = { id: 'u-me', name: 'me' };
const bob = { id: 'u-bob', name: 'bob' };
const carol = { id: 'u-carol', name: 'carol' };
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function msg(id: string, conversationId: string, sender: { id: string; name: string }, second: number, expiresAt: string | null = null): Message {
  return { id, conversationId, sender, body: `body ${id}`, createdAt: at(second), expiresAt, clientId: null };
}
function conv(id: string, members = [me, bob], extra: Partial<Conversation> = {}): Conversation {
  return { id, kind: extra.title ? 'group' : 'direct', title: null, members, lastMessage: null, unread: 0, ...extra };
}
function run(...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, initialState(me.id));
}
const event = (e: unknown, visible = true, now = T0): ChatAction => ({ type: 'event', event: e as never, now, visible });

describe('web chat state', () => {
  it('a live message updates the preview, the order and the unread count once, even when it also came in the list', () => {
    const m1 = msg('m1', 'c1', bob, 1);
    let s = run({ type: 'conversations', conversations: [conv('c2', [me, carol], { lastMessage: msg('x', 'c2', carol, 0) }), conv('c1')] });
    assert.deepEqual(conversationList(s).map((c) => c.id), ['c2', 'c1']);
    s = chatReducer(s, event({ type: 'message', cursor: '1', message: m1 }));
    assert.deepEqual(conversationList(s).map((c) => c.id), ['c1', 'c2'], 'reordered live');
    assert.equal(s.conversations.c1!.unread, 1);
    assert.equal(s.conversations.c1!.lastMessage?.id, 'm1');
    s = chatReducer(s, event({ type: 'message', cursor: '1', message: m1 }));
    assert.equal(s.conversations.c1!.unread, 1, 'the same message twice counts once');
    assert.equal(totalUnread(s), 1);
  });

  it('a message in the open, visible conversation is not unread; my own never are', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1')] }, { type: 'open', conversationId: 'c1' });
    s = chatReducer(s, event({ type: 'message', cursor: '1', message: msg('m1', 'c1', bob, 1) }));
    assert.equal(s.conversations.c1!.unread, 0);
    s = chatReducer(s, event({ type: 'message', cursor: '2', message: msg('m2', 'c1', bob, 2) }, false));
    assert.equal(s.conversations.c1!.unread, 1, 'hidden tab: unread');
    s = chatReducer(s, event({ type: 'message', cursor: '3', message: msg('m3', 'c1', me, 3) }, false));
    assert.equal(s.conversations.c1!.unread, 1);
    s = chatReducer(s, event({ type: 'receipt', cursor: '4', conversationId: 'c1', userId: me.id, messageId: 'm3' }));
    assert.equal(s.conversations.c1!.unread, 0, 'read on another device');
  });

  it('the list fetched again does not count the open conversation unread', () => {
    const s = run({ type: 'open', conversationId: 'c1' }, { type: 'conversations', conversations: [conv('c1', [me, bob], { unread: 2 }), conv('c2', [me, carol], { unread: 1 })] });
    assert.equal(s.conversations.c1!.unread, 0);
    assert.equal(s.conversations.c2!.unread, 1);
  });

  it('a message for an unknown conversation marks the list stale (a group created elsewhere)', () => {
    const s = run({ type: 'conversations', conversations: [] }, event({ type: 'message', cursor: '1', message: msg('m1', 'g1', bob, 1) }));
    assert.equal(s.stale, true);
    assert.equal(run({ type: 'conversations', conversations: [] }).stale, false);
  });

  it('history pages: older ones go in front, live and sent messages are merged once, in order', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1')] });
    s = chatReducer(s, { type: 'history', conversationId: 'c1', messages: [msg('m3', 'c1', bob, 3), msg('m4', 'c1', bob, 4)], hasMore: true, older: false });
    s = chatReducer(s, { type: 'sent', message: msg('m5', 'c1', me, 5) });
    s = chatReducer(s, event({ type: 'message', cursor: '9', message: msg('m5', 'c1', me, 5) }));
    s = chatReducer(s, { type: 'history', conversationId: 'c1', messages: [msg('m1', 'c1', bob, 1), msg('m2', 'c1', bob, 2)], hasMore: false, older: true });
    assert.deepEqual(s.histories.c1!.items.map((m) => m.id), ['m1', 'm2', 'm3', 'm4', 'm5']);
    assert.equal(s.histories.c1!.hasMore, false);
  });

  it('a first page that answers after a live message keeps that message', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1')] });
    s = chatReducer(s, { type: 'history', conversationId: 'c1', messages: [], hasMore: false, older: false });
    s = chatReducer(s, event({ type: 'message', cursor: '1', message: msg('m9', 'c1', bob, 9) }));
    s = chatReducer(s, { type: 'history', conversationId: 'c1', messages: [msg('m1', 'c1', bob, 1)], hasMore: false, older: false });
    assert.deepEqual(s.histories.c1!.items.map((m) => m.id), ['m1', 'm9']);
  });

  it('deleted and expired messages leave the history and the preview falls back', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1')] });
    s = chatReducer(s, { type: 'history', conversationId: 'c1', messages: [msg('m1', 'c1', bob, 1), msg('m2', 'c1', bob, 2, at(60))], hasMore: false, older: false });
    s = chatReducer(s, event({ type: 'message', cursor: '1', message: msg('m3', 'c1', me, 3) }));
    s = chatReducer(s, event({ type: 'message.deleted', cursor: '2', conversationId: 'c1', messageId: 'm3' }));
    assert.equal(s.conversations.c1!.lastMessage?.id, 'm2');
    assert.equal(nextDeadline(s), T0 + 60_000);
    s = chatReducer(s, { type: 'tick', now: T0 + 59_999 });
    assert.equal(s.histories.c1!.items.length, 2);
    s = chatReducer(s, { type: 'tick', now: T0 + 60_000 });
    assert.deepEqual(s.histories.c1!.items.map((m) => m.id), ['m1']);
    assert.equal(s.conversations.c1!.lastMessage?.id, 'm1');
    assert.equal(nextDeadline(s), null);
    const late = chatReducer(s, event({ type: 'message', cursor: '3', message: msg('m4', 'c1', bob, 4, at(30)) }, true, T0 + 60_000));
    assert.equal(late, s, 'an event for a message already expired changes nothing');
  });

  it('typing shows for a while and ends with their message or in time', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1')] });
    s = chatReducer(s, event({ type: 'typing', conversationId: 'c1', userId: bob.id }));
    s = chatReducer(s, event({ type: 'typing', conversationId: 'c1', userId: me.id }));
    assert.deepEqual(typingNames(s, 'c1'), ['bob']);
    assert.equal(nextDeadline(s), T0 + 5000);
    assert.deepEqual(typingNames(chatReducer(s, { type: 'tick', now: T0 + 5000 }), 'c1'), []);
    assert.deepEqual(typingNames(chatReducer(s, event({ type: 'message', cursor: '1', message: msg('m1', 'c1', bob, 1) })), 'c1'), []);
  });

  it('"seen" marks my last message at or before the furthest receipt of another member', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1')] });
    s = chatReducer(s, { type: 'history', conversationId: 'c1', messages: [msg('m1', 'c1', me, 1), msg('m2', 'c1', me, 2), msg('m3', 'c1', bob, 3), msg('m4', 'c1', me, 4)], hasMore: false, older: false });
    assert.equal(seenMessageId(s, 'c1'), null);
    s = chatReducer(s, event({ type: 'receipt', cursor: '1', conversationId: 'c1', userId: bob.id, messageId: 'm3' }));
    assert.equal(seenMessageId(s, 'c1'), 'm2');
    s = chatReducer(s, event({ type: 'receipt', cursor: '2', conversationId: 'c1', userId: bob.id, messageId: 'm4' }));
    assert.equal(seenMessageId(s, 'c1'), 'm4');
  });

  it('conversation.updated adds or changes a group and keeps what is known of it; removed or left, it goes', () => {
    let s = run({ type: 'conversations', conversations: [] }, { type: 'open', conversationId: 'g1' });
    const group = conv('g1', [me, bob, carol], { kind: 'group', title: 'Team' });
    s = chatReducer(s, event({ type: 'conversation.updated', cursor: '1', conversation: group }, true, T0 + 1000));
    assert.equal(conversationName(s.conversations.g1!, me.id), 'Team');
    s = chatReducer(s, event({ type: 'message', cursor: '2', message: msg('m1', 'g1', bob, 2) }, false));
    s = chatReducer(s, event({ type: 'conversation.updated', cursor: '3', conversation: { ...group, title: 'Renamed', unread: 0, lastMessage: null } }));
    assert.equal(s.conversations.g1!.title, 'Renamed');
    assert.equal(s.conversations.g1!.lastMessage?.id, 'm1');
    assert.equal(s.conversations.g1!.unread, 1);
    const left = chatReducer(s, event({ type: 'conversation.updated', cursor: '4', conversation: { ...group, members: [bob, carol] } }));
    assert.equal(left.conversations.g1, undefined, 'an update without me means I am out');
    const removed = chatReducer(s, event({ type: 'conversation.removed', cursor: '4', conversationId: 'g1' }));
    assert.equal(removed.conversations.g1, undefined);
    assert.equal(removed.openId, null);
  });

  it('presence, names and the direct conversation with a user (myself included)', () => {
    let s = run({ type: 'conversations', conversations: [conv('c1'), conv('self', [me]), conv('g', [me, bob, carol], { kind: 'group', title: 'G' })] });
    s = chatReducer(s, event({ type: 'presence', userId: bob.id, online: true }));
    assert.equal(s.online[bob.id], true);
    assert.equal(directWith(s, bob.id)?.id, 'c1');
    assert.equal(directWith(s, me.id)?.id, 'self');
    assert.equal(directWith(s, carol.id), undefined);
    assert.equal(conversationName(s.conversations.c1!, me.id), 'bob');
    assert.equal(conversationName(s.conversations.self!, me.id), 'me');
  });
});

describe('web links', () => {
  it('makes only http(s) URLs links and leaves the rest as text, trailing punctuation outside', () => {
    assert.deepEqual(linkPieces('see https://example.com/a?b=1, and javascript:alert(1) or <b>x</b>.'), [
      { text: 'see ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ', and javascript:alert(1) or <b>x</b>.' },
    ]);
    assert.deepEqual(linkPieces('no links'), [{ text: 'no links' }]);
    assert.deepEqual(linkPieces('(http://x.test)'), [{ text: '(' }, { text: 'http://x.test', href: 'http://x.test/' }, { text: ')' }]);
  });
});

describe('web language, routes and names', () => {
  it('a saved choice wins, then the browser languages, then English', () => {
    assert.equal(chooseLang('ru', ['en-US']), 'ru');
    assert.equal(chooseLang(null, ['ru-RU', 'en']), 'ru');
    assert.equal(chooseLang(null, ['de-DE', 'ru']), 'ru');
    assert.equal(chooseLang('xx', ['de-DE']), 'en');
    assert.equal(format(en, 'unread', { count: 3 }), '3 unread');
    assert.equal(format(ru, 'typing', { names: 'bob' }), 'bob печатает…');
  });

  it('Russian has every English word and the accessible names CLIENTS.md lists are there in English', () => {
    assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
    const shown = Object.values(en);
    for (const name of ['Name', 'Email', 'Password', 'Device name', 'Sign up', 'Sign in', 'Sign out', 'Message', 'Send', 'Search users', 'New group', 'Profile', 'Devices', 'Revoke']) {
      assert.ok(shown.includes(name as never), name);
    }
  });

  it('every route the app knows is one the server falls back for', () => {
    const served = APP_ROUTES.map((r) => r.replace(':conversationId', 'abc'));
    for (const path of served) assert.notEqual(parseRoute(path).name, 'notFound', path);
    assert.equal(parseRoute('/c/a%2Fb').name, 'chat');
    assert.equal(parseRoute('/v1/x').name, 'notFound');
  });

  it('device names and tab titles', () => {
    assert.equal(defaultDeviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36'), 'Chrome on Linux');
    assert.equal(defaultDeviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0'), 'Firefox on Windows');
    assert.equal(defaultDeviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1'), 'Safari on iOS');
    assert.equal(defaultDeviceName('curl/8'), 'Browser');
    assert.equal(tabTitle('Chat', 0), 'Chat');
    assert.equal(tabTitle('Chat', 4), '(4) Chat');
  });
});
