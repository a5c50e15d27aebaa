// What the interactive chat does with a key: intents from keys.ts become
// state changes, SDK calls (through Chats) and the session's life (sign in,
// sign out, a session the server ended). Screens never call the SDK themselves.
import type { AnyWebSocketConstructor } from '../../sdk/index.js';
import { signedOut, toCliError } from '../api-errors.js';
import type { Context } from '../context.js';
import type { Resolved } from '../resolve.js';
import type { StoredSession } from '../session-file.js';
import { authenticate } from './auth-flow.js';
import { Chats } from './chats.js';
import { applyEdit, type Edit, type Intent } from './keys.js';
import { MENU } from './menu.js';
import { createGroup, loadReceipts } from './groups.js';
import { LiveSession } from './session.js';
import { AUTH_FIELDS, selectedConversation, type ScreenName } from './state.js';
import type { Store } from './store.js';

/** What the scrolling screen reports after each render: rows that fit, and rows there are. */
export interface Viewport {
  height: number;
  lines: number;
}

export interface ControllerOptions {
  /** Ends the program (unmounts the UI). */
  quit(): void;
  now?: () => number;
  WebSocket?: AnyWebSocketConstructor;
}

export class Controller {
  viewport: Viewport = { height: 1, lines: 0 };
  private live: LiveSession | null = null;
  private readonly chats: Chats;
  /** `chat open X` before signing in: opened once signed in. */
  private pendingTarget: string | undefined;
  private readonly now: () => number;

  constructor(
    private ctx: Context,
    private store: Store,
    private options: ControllerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.chats = new Chats(ctx, store, {
      live: () => this.live,
      fail: (err) => this.fail(err),
      notice: (text) => this.notice(text),
      now: this.now,
    });
  }

  /** Starts signed in (with the conversation to open, if any), or on the sign-in screen. */
  start(session: StoredSession | undefined, target?: Resolved | string): void {
    if (session) void this.begin(session, target);
    else this.pendingTarget = typeof target === 'string' ? target : undefined;
  }

  stop(): void {
    this.chats.reset();
    this.live?.close();
    this.live = null;
  }

  run(intent: Intent): void {
    const state = this.store.getState();
    if (state.notice) this.store.dispatch({ type: 'notice', notice: null });
    switch (intent.do) {
      case 'quit':
        return this.options.quit();
      case 'menu':
        return this.store.dispatch(state.screen === 'menu' ? { type: 'screen', screen: state.menu.from } : { type: 'menu/open' });
      case 'toggle-auth':
        return this.store.dispatch({ type: 'auth/mode', mode: state.auth.mode === 'signin' ? 'signup' : 'signin' });
      case 'new':
        this.store.dispatch({ type: 'search/query', query: '' });
        return this.store.dispatch({ type: 'screen', screen: 'new' });
      case 'group':
        return this.store.dispatch({ type: 'group/open' });
      case 'back':
        return this.back(state.screen, state.menu.from);
      case 'edit':
        return this.edit(intent.edit);
      case 'enter':
        return this.enter();
      case 'move':
        return this.move(intent.by);
      case 'page':
        return this.page(intent.by);
      case 'edge':
        return this.edge(intent.to);
      case 'pick':
        this.store.dispatch({ type: 'menu/select', selected: intent.index });
        return this.pickMenu(intent.index);
    }
  }

  private back(screen: ScreenName, from: ScreenName): void {
    if (screen === 'menu') return this.store.dispatch({ type: 'screen', screen: from === 'menu' ? 'list' : from });
    if (screen === 'auth') return this.store.dispatch({ type: 'screen', screen: 'list' });
    this.store.dispatch({ type: 'close' });
  }

  private edit(edit: Edit): void {
    const state = this.store.getState();
    if (state.screen === 'auth') {
      const field = AUTH_FIELDS[state.auth.mode][state.auth.focus]!;
      return this.store.dispatch({ type: 'auth/value', key: field.key, value: applyEdit(state.auth.values[field.key] ?? '', edit) });
    }
    if (state.screen === 'group') {
      const key = state.group.focus === 0 ? 'title' : 'members';
      return this.store.dispatch({ type: 'group/value', key, value: applyEdit(state.group[key], edit) });
    }
    if (state.screen === 'new') {
      const query = applyEdit(state.search.query, edit);
      this.store.dispatch({ type: 'search/query', query });
      return this.chats.searchSoon(query);
    }
    if (state.screen === 'conversation' && state.open) {
      this.store.dispatch({ type: 'draft', text: applyEdit(state.open.draft, edit) });
      if ('insert' in edit && state.open.id) this.chats.typed(state.open.id);
    }
  }

  private enter(): void {
    const state = this.store.getState();
    switch (state.screen) {
      case 'auth':
        if (state.auth.focus < AUTH_FIELDS[state.auth.mode].length - 1) return this.store.dispatch({ type: 'auth/focus', focus: state.auth.focus + 1 });
        return void this.submitAuth();
      case 'list': {
        const c = selectedConversation(state);
        return c ? void this.chats.openConversation(c) : undefined;
      }
      case 'conversation':
        return void this.chats.send();
      case 'new':
        return void this.chats.startWithSearched();
      case 'group':
        if (state.group.focus === 0) return this.store.dispatch({ type: 'group/focus', focus: 1 });
        return void this.createGroup();
      case 'menu':
        return this.pickMenu(state.menu.selected);
      default:
        return;
    }
  }

  private move(by: number): void {
    const state = this.store.getState();
    const wrap = (at: number, n: number) => (at + by + n) % n;
    switch (state.screen) {
      case 'auth':
        return this.store.dispatch({ type: 'auth/focus', focus: wrap(state.auth.focus, AUTH_FIELDS[state.auth.mode].length) });
      case 'list': {
        const list = state.conversations;
        if (!list.length) return;
        const at = Math.max(0, list.findIndex((c) => c.id === state.selected));
        return this.store.dispatch({ type: 'select', id: list[Math.max(0, Math.min(list.length - 1, at + by))]!.id });
      }
      case 'new':
        if (state.search.results.length) this.store.dispatch({ type: 'search/select', selected: wrap(state.search.selected, state.search.results.length) });
        return;
      case 'group':
        return this.store.dispatch({ type: 'group/focus', focus: state.group.focus === 0 ? 1 : 0 });
      case 'menu':
        return this.store.dispatch({ type: 'menu/select', selected: wrap(state.menu.selected, MENU.length) });
      case 'conversation':
        return this.scroll(-by);
      case 'feed':
        return this.store.dispatch({ type: 'feed/scroll', by: -by, max: this.maxScroll() });
      default:
        return;
    }
  }

  private maxScroll(): number {
    return Math.max(0, this.viewport.lines - this.viewport.height);
  }

  private scroll(by: number): void {
    this.store.dispatch({ type: 'scroll', by, max: this.maxScroll() });
  }

  /** PageUp scrolls back a page; at the top of what is loaded, it loads the page before. */
  private page(by: -1 | 1): void {
    const state = this.store.getState();
    const step = Math.max(1, this.viewport.height - 1);
    if (state.screen === 'feed') return this.store.dispatch({ type: 'feed/scroll', by: -by * step, max: this.maxScroll() });
    if (state.screen !== 'conversation' || !state.open) return;
    if (by > 0) return this.scroll(-step);
    this.scroll(step);
    if (this.store.getState().open!.scroll >= this.maxScroll()) void this.chats.loadOlder();
  }

  private edge(to: 'top' | 'bottom'): void {
    const state = this.store.getState();
    if (state.screen === 'list' && state.conversations.length) {
      return this.store.dispatch({ type: 'select', id: (to === 'top' ? state.conversations[0] : state.conversations.at(-1))!.id });
    }
    if (state.screen === 'conversation') this.scroll(-Infinity);
    if (state.screen === 'feed') this.store.dispatch({ type: 'feed/scroll', by: -Infinity, max: this.maxScroll() });
  }

  private pickMenu(index: number): void {
    const item = MENU[index];
    if (!item) return;
    if (item.needsSession && !this.live) return this.notice(`sign in first (${item.label.toLowerCase()} needs an account)`);
    switch (item.action) {
      case 'signup':
      case 'signin':
        this.store.dispatch({ type: 'auth/mode', mode: item.action });
        return this.store.dispatch({ type: 'screen', screen: 'auth' });
      case 'send':
        return this.run({ do: 'new' });
      case 'receive':
        this.store.dispatch({ type: 'close' });
        return this.chats.refreshSoon();
      case 'sent':
      case 'received':
        return void this.chats.showFeed(item.action);
      case 'signout':
        return void this.signOut();
      case 'quit':
        return this.options.quit();
    }
  }

  // ---- the session's life

  private async submitAuth(): Promise<void> {
    const { auth } = this.store.getState();
    if (auth.busy) return;
    this.store.dispatch({ type: 'auth/busy', busy: true });
    try {
      const session = await authenticate(this.ctx, auth, this.now);
      this.store.dispatch({ type: 'notice', notice: { kind: 'info', text: `signed in as ${session.user.name} (device "${session.device.name}")` } });
      const target = this.pendingTarget;
      this.pendingTarget = undefined;
      await this.begin(session, target);
    } catch (err) {
      this.store.dispatch({ type: 'auth/busy', busy: false });
      this.store.dispatch({ type: 'auth/clear-secrets' });
      this.fail(err);
    }
  }

  private async begin(session: StoredSession, target?: Resolved | string): Promise<void> {
    this.stop();
    const live = new LiveSession(
      this.ctx,
      session,
      this.store,
      {
        unknownConversation: () => this.chats.refreshSoon(),
        seenInOpen: (conversationId, messageId) => void this.chats.markRead(conversationId, messageId),
        readElsewhere: () => this.chats.refreshSoon(),
        ended: () => this.ended(),
      },
      this.now,
      this.options.WebSocket,
    );
    this.live = live;
    this.store.dispatch({ type: 'signed-in', me: session.user });
    live.start();
    // Loading after the stream is open leaves no gap between what is loaded and what streams in.
    await live.ready();
    if (this.live !== live) return;
    await this.chats.loadConversations();
    if (target !== undefined) await this.chats.openTarget(target);
    // "seen" needs the receipts given before this session; live ones come by the stream.
    await loadReceipts(live.client, this.store, session.user.id).catch((err: unknown) => this.live === live && this.fail(err));
  }

  /** Enter on the new-group form's members: creates the group and opens it. */
  private async createGroup(): Promise<void> {
    const live = this.live;
    if (!live || this.store.getState().group.busy) return;
    try {
      const created = await createGroup(live.client, this.store);
      if (typeof created === 'string') return this.notice(created);
      await this.chats.loadConversations();
      await this.chats.openConversation(this.store.getState().conversations.find((c) => c.id === created.id) ?? created);
    } catch (err) {
      this.fail(err);
    }
  }

  /** The server no longer takes our token (signed out or revoked elsewhere): forget it and ask to sign in again. */
  private ended(): void {
    const live = this.live;
    if (!live) return;
    this.stop();
    this.ctx.sessions.delete(this.ctx.server, live.stored.token);
    this.store.dispatch({ type: 'signed-out', notice: { kind: 'error', text: signedOut(this.ctx.server).message.replace(/; sign in again with:.*$/, '; sign in again') } });
  }

  private async signOut(): Promise<void> {
    const live = this.live;
    if (!live) return;
    await live.client.logout().catch(() => undefined); // revoked already: signed out all the same
    this.stop();
    this.ctx.sessions.delete(this.ctx.server, live.stored.token);
    this.store.dispatch({ type: 'signed-out', notice: { kind: 'info', text: `signed out (${live.me.name})` } });
  }

  private notice(text: string): void {
    this.store.dispatch({ type: 'notice', notice: { kind: 'error', text } });
  }

  private fail(err: unknown): void {
    if (LiveSession.isSignedOut(err) && this.live) return this.ended();
    this.notice(toCliError(err, { server: this.ctx.server }).message);
  }
}
