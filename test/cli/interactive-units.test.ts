// The interactive chat's pure parts: keys to intents (and the hints that name
// them), the state reducer, row layout, form checks, and the typing throttle.
// The terminal itself is driven for real in interactive.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import type { Message } from '../../src/sdk/index.js';
import { authProblem } from '../../src/cli/interactive/auth-flow.js';
import { Chats, TYPING_EVERY_MS } from '../../src/cli/interactive/chats.js';
import { applyEdit, fromInk, hintsFor, intentFor, isF2, textPresses } from '../../src/cli/interactive/keys.js';
import { messageRows, visible, wrap } from '../../src/cli/interactive/layout.js';
import { MENU } from '../../src/cli/interactive/menu.js';
import type { LiveSession } from '../../src/cli/interactive/session.js';
import { initialState, reduce, typingLine, type OpenConversation, type ScreenName, type State } from '../../src/cli/interactive/state.js';
import { Store } from '../../src/cli/interactive/store.js';
import type { Context } from '../../src/cli/context.js';

const me = { id: 'u-me', name: 'me' };
const bob = { id: 'u-bob', name: 'bob' };

function message(id: string, body: string, sender = bob, extra: Partial<Message> = {}): Message {
  return { id, conversationId: 'c1', sender, body, createdAt: '2026-11-23T10:00:00.000Z', expiresAt: null, clientId: null, ...extra };
}

function conversationState(): State {
  const open: OpenConversation = { id: 'c1', peer: bob, title: 'bob', kind: 'direct', shown: [], hasMore: false, loading: 'first', scroll: 0, draft: '' };
  let s = reduce(initialState('http://x', me), {
    type: 'conversations',
    list: [
      { id: 'c1', kind: 'direct', title: null, members: [me, bob], lastMessage: null, unread: 0 },
      { id: 'c2', kind: 'direct', title: null, members: [me, { id: 'u-carol', name: 'carol' }], lastMessage: null, unread: 0 },
    ],
  });
  s = reduce(s, { type: 'open', open });
  return s;
}

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false,
  escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

describe('interactive keys', () => {
  it('reads text that came in one piece as the keys inside it', () => {
    assert.deepEqual(textPresses('hello\r'), [{ text: 'hello' }, { name: 'enter' }]);
    assert.deepEqual(textPresses('alice\tsecret\r\n'), [{ text: 'alice' }, { name: 'tab' }, { text: 'secret' }, { name: 'enter' }]);
    assert.deepEqual(textPresses('ab\u007fc'), [{ text: 'ab' }, { name: 'backspace' }, { text: 'c' }]);
    assert.deepEqual(textPresses('x\u000ey'), [{ text: 'x' }, { ctrl: 'n' }, { text: 'y' }]);
    assert.deepEqual(textPresses('привет 👋'), [{ text: 'привет 👋' }]);
  });

  it('maps Ink keys: DEL is Backspace, Ctrl+letter, Shift+Tab, arrows', () => {
    assert.deepEqual(fromInk('', { ...noKey, delete: true }), [{ name: 'backspace' }]);
    assert.deepEqual(fromInk('n', { ...noKey, ctrl: true }), [{ ctrl: 'n' }]);
    assert.deepEqual(fromInk('', { ...noKey, tab: true, shift: true }), [{ name: 'backtab' }]);
    assert.deepEqual(fromInk('', { ...noKey, pageUp: true }), [{ name: 'pageup' }]);
    assert.deepEqual(fromInk('', { ...noKey, leftArrow: true }), []);
    assert.ok(isF2('\u001bOQ') && isF2('\u001b[12~'), 'both spellings of F2');
    assert.equal(isF2('\u001bOP'), false);
  });

  it('means what the hints say, screen by screen', () => {
    const list = { ...initialState('http://x', me), screen: 'list' as const };
    assert.deepEqual(intentFor(list, { name: 'enter' }), { do: 'enter' });
    assert.deepEqual(intentFor(list, { name: 'down' }), { do: 'move', by: 1 });
    assert.deepEqual(intentFor(list, { ctrl: 'n' }), { do: 'new' });
    assert.deepEqual(intentFor(list, { text: '?' }), { do: 'menu' });
    assert.equal(intentFor(list, { text: 'x' }), undefined);

    const conversation = conversationState();
    assert.deepEqual(intentFor(conversation, { text: '?' }), { do: 'edit', edit: { insert: '?' } }, 'typed text, not the menu');
    assert.deepEqual(intentFor(conversation, { name: 'escape' }), { do: 'back' });
    assert.deepEqual(intentFor(conversation, { name: 'pageup' }), { do: 'page', by: -1 });
    assert.deepEqual(intentFor(conversation, { name: 'enter' }), { do: 'enter' });

    const signedOut = initialState('http://x', null);
    assert.equal(intentFor(signedOut, { name: 'escape' }), undefined, 'nowhere to go back to before signing in');
    assert.deepEqual(intentFor({ ...signedOut, me }, { name: 'escape' }), { do: 'back' });
    assert.deepEqual(intentFor(signedOut, { ctrl: 'r' }), { do: 'toggle-auth' });

    const menu = { ...list, screen: 'menu' as const };
    assert.deepEqual(intentFor(menu, { text: String(MENU.length) }), { do: 'pick', index: MENU.length - 1 });
    assert.equal(intentFor(menu, { text: String(MENU.length + 1) }), undefined);

    for (const screen of ['auth', 'list', 'conversation', 'new', 'menu', 'feed'] as ScreenName[]) {
      const state = { ...conversation, screen };
      assert.deepEqual(intentFor(state, { ctrl: 'c' }), { do: 'quit' }, `Ctrl+C quits on ${screen}`);
      assert.deepEqual(intentFor(state, { name: 'f2' }), { do: 'menu' }, `F2 opens the menu on ${screen}`);
      assert.ok(hintsFor(state).some(([key, what]) => key === 'Ctrl+C' && what === 'quit'), `${screen} shows Ctrl+C`);
    }
    const hints = hintsFor(conversation).map(([key]) => key);
    for (const key of ['Enter', 'Esc', 'PgUp', 'Ctrl+N']) assert.ok(hints.includes(key), `conversation hints show ${key}`);
    assert.deepEqual(hintsFor(list).slice(0, 3).map(([key]) => key), ['↑/↓', 'Enter', 'Ctrl+N']);
  });

  it('edits fields: append, erase a character, a word, everything', () => {
    assert.equal(applyEdit('hello', { insert: ' you' }), 'hello you');
    assert.equal(applyEdit('héllo👋', { erase: 'char' }), 'héllo');
    assert.equal(applyEdit('hello big world ', { erase: 'word' }), 'hello big');
    assert.equal(applyEdit('hello', { erase: 'all' }), '');
  });
});

describe('interactive state', () => {
  it('shows each message once: from the stream, from our send, and in a history page', () => {
    let s = conversationState();
    s = reduce(s, { type: 'message', message: message('m2', 'live') });
    s = reduce(s, { type: 'history', conversationId: 'c1', page: { messages: [message('m1', 'old'), message('m2', 'live')], hasMore: true } });
    assert.deepEqual(s.open!.shown.map((x) => x.key), ['m1', 'm2']);
    assert.equal(s.open!.hasMore, true);
    s = reduce(s, { type: 'message', message: message('m2', 'live') });
    assert.equal(s.open!.shown.length, 2);

    s = reduce(s, { type: 'pending', clientId: 'k1', body: 'mine' });
    assert.equal(s.open!.shown.at(-1)!.status, 'sending');
    s = reduce(s, { type: 'message', message: message('m3', 'from bob') });
    assert.deepEqual(s.open!.shown.map((x) => x.key), ['m1', 'm2', 'm3', 'pending:k1'], 'our unsent message stays last');
    s = reduce(s, { type: 'message', message: message('m4', 'mine', me, { clientId: 'k1' }) });
    assert.deepEqual(s.open!.shown.map((x) => `${x.key}:${x.status}`), ['m1:sent', 'm2:sent', 'm3:sent', 'm4:sent']);

    s = reduce(s, { type: 'history', conversationId: 'c1', page: { messages: [message('m0', 'older')], hasMore: false } });
    assert.deepEqual(s.open!.shown.map((x) => x.key), ['m0', 'm1', 'm2', 'm3', 'm4']);
    assert.equal(s.open!.hasMore, false);
  });

  it('counts unread only for conversations not on screen, and moves the active one to the top', () => {
    let s = conversationState();
    s = reduce(s, { type: 'message', message: message('m1', 'on screen') });
    assert.equal(s.conversations.find((c) => c.id === 'c1')!.unread, 0);
    const carol = { id: 'u-carol', name: 'carol' };
    s = reduce(s, { type: 'message', message: message('m2', 'elsewhere', carol, { conversationId: 'c2' }) });
    s = reduce(s, { type: 'message', message: message('m2', 'elsewhere', carol, { conversationId: 'c2' }) });
    assert.equal(s.conversations[0]!.id, 'c2');
    assert.equal(s.conversations[0]!.unread, 1, 'a repeated event is not counted twice');
    s = reduce(s, { type: 'send-failed', clientId: 'none', error: 'x' });
    s = reduce(s, { type: 'close' });
    assert.equal(s.screen, 'list');
    s = reduce(s, { type: 'message', message: message('m3', 'now unread') });
    assert.equal(s.conversations[0]!.id, 'c1');
    assert.equal(s.conversations[0]!.unread, 1);
  });

  it('group events: a new group goes on top, a rename keeps what is known of messages, a removal closes it with a word', () => {
    let s = conversationState();
    const group = { id: 'g1', kind: 'group' as const, title: 'Picnic', members: [me, bob], lastMessage: null, unread: 0 };
    s = reduce(s, { type: 'group-updated', conversation: group });
    assert.deepEqual(s.conversations.map((c) => c.id), ['g1', 'c1', 'c2']);
    const known = { ...s, conversations: s.conversations.map((c) => (c.id === 'g1' ? { ...c, lastMessage: message('m1', 'bread?'), unread: 2 } : c)) };
    s = reduce(known, { type: 'group-updated', conversation: { ...group, title: 'Big picnic', members: [me] } });
    const renamed = s.conversations.find((c) => c.id === 'g1')!;
    assert.equal(renamed.title, 'Big picnic');
    assert.deepEqual(renamed.members, [me]);
    assert.equal(renamed.lastMessage?.body, 'bread?', 'the event carries no message; the known one stays');
    assert.equal(renamed.unread, 2);

    const opened = reduce(s, { type: 'open', open: { id: 'g1', peer: null, title: 'Big picnic', kind: 'group', shown: [], hasMore: false, loading: null, scroll: 0, draft: '' } });
    assert.equal(reduce(opened, { type: 'group-updated', conversation: { ...group, title: 'Huge picnic' } }).open?.title, 'Huge picnic');
    const removed = reduce(opened, { type: 'group-removed', conversationId: 'g1' });
    assert.equal(removed.screen, 'list');
    assert.equal(removed.open, null);
    assert.deepEqual(removed.conversations.map((c) => c.id), ['c1', 'c2']);
    assert.deepEqual(removed.notice, { kind: 'info', text: 'You are no longer a member of #Big picnic' });
    const notMine = reduce(opened, { type: 'group-updated', conversation: { ...group, members: [bob] } });
    assert.equal(notMine.open, null, 'an update without me is a removal');
    assert.equal(reduce(s, { type: 'group-removed', conversationId: 'nope' }).conversations.length, 3, 'an unknown id changes nothing');
  });

  it('shows who is typing until it expires or their message arrives', () => {
    let s = conversationState();
    s = reduce(s, { type: 'typing', conversationId: 'c1', typist: { userId: bob.id, name: 'bob', until: 1000 } });
    assert.equal(typingLine(s, 'c1'), 'bob is typing…');
    s = reduce(s, { type: 'typing', conversationId: 'c1', typist: { userId: 'u-carol', name: 'carol', until: 2000 } });
    assert.equal(typingLine(s, 'c1'), 'bob and carol are typing…');
    s = reduce(s, { type: 'typing-expire', now: 1500 });
    assert.equal(typingLine(s, 'c1'), 'carol is typing…');
    s = reduce(s, { type: 'message', message: message('m9', 'done', { id: 'u-carol', name: 'carol' }) });
    assert.equal(typingLine(s, 'c1'), undefined);
  });

  it('keeps the selection on the same conversation when the list reorders', () => {
    let s = conversationState();
    s = reduce(s, { type: 'close' });
    s = reduce(s, { type: 'select', id: 'c2' });
    s = reduce(s, { type: 'conversations', list: [...s.conversations].reverse() });
    assert.equal(s.selected, 'c2');
  });

  it('signing out forgets everything of the session', () => {
    const s = reduce(conversationState(), { type: 'signed-out', notice: { kind: 'info', text: 'bye' } });
    assert.equal(s.me, null);
    assert.equal(s.screen, 'auth');
    assert.equal(s.open, null);
    assert.deepEqual(s.conversations, []);
    assert.equal(s.notice?.text, 'bye');
  });
});

describe('interactive layout and checks', () => {
  it('wraps at spaces within the width, and cuts words longer than it', () => {
    assert.deepEqual(wrap('the quick brown fox', 9), ['the quick', 'brown fox']);
    assert.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(wrap('a\nb', 10), ['a', 'b']);
    const rows = messageRows([{ key: 'm1', message: message('m1', 'word '.repeat(30).trim()), status: 'sent' }], 40, me, new Date('2026-11-23T12:00:00Z'));
    assert.ok(rows.length > 1, 'a long message takes several rows');
    assert.ok(rows.every((r) => Array.from(`${r.head ? `${r.head.time} ${r.head.name}: ` : ''}${r.text}`).length <= 40), 'every row fits');
    assert.deepEqual(visible([1, 2, 3, 4, 5], 2, 0), [4, 5]);
    assert.deepEqual(visible([1, 2, 3, 4, 5], 2, 3), [1, 2]);
  });

  it('checks the sign-up form before asking the server', () => {
    const values = { name: 'ok-name', email: 'a@b.co', password: 'long enough', confirm: 'long enough' };
    assert.equal(authProblem({ mode: 'signup', values }), undefined);
    assert.match(authProblem({ mode: 'signup', values: { ...values, name: 'a b' } })!, /3-32 characters/);
    assert.match(authProblem({ mode: 'signup', values: { ...values, confirm: 'other' } })!, /do not match/);
    assert.match(authProblem({ mode: 'signup', values: { ...values, password: 'short', confirm: 'short' } })!, /8-256/);
    assert.match(authProblem({ mode: 'signin', values: { login: 'me' } })!, /password/);
  });

  it('sends typing frames at most once per interval per conversation', () => {
    let now = 0;
    const frames: string[] = [];
    const live = { typing: (id: string) => frames.push(id) } as unknown as LiveSession;
    const chats = new Chats({} as Context, new Store(initialState('http://x', me)), { live: () => live, fail: () => undefined, notice: () => undefined, now: () => now });
    for (let i = 0; i < 40; i++) {
      chats.typed('c1');
      now += 100;
    }
    chats.typed('c2');
    assert.deepEqual(frames, ['c1', 'c1', 'c2']);
    now += TYPING_EVERY_MS;
    chats.typed('c1');
    assert.equal(frames.length, 4);
  });
});
