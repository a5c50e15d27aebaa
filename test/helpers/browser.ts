// Debian's Chromium driven by playwright-core (never a browser download): one
// browser per test file, a fresh context per user. Every page's console
// errors and uncaught exceptions are collected, so a test can assert none.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { after, before } from 'node:test';
import type { Config } from '../../src/config.js';
import { PASSWORD, startServer, type TestServer } from './server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots land here (git-ignored), one per screen, as test artifacts. */
export const ARTIFACTS = new URL('../../test-artifacts/web/', import.meta.url).pathname;

// The machine has no network beyond loopback: nothing in the background may try to reach out.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface WebPage extends Page {
  /** Console errors and page errors seen so far. */
  problems: string[];
}

export interface OpenOptions extends BrowserContextOptions {
  path?: string;
  /** Fakes the page's clock from this time on (it still runs); page.clock moves it on. */
  clockAt?: number;
  /**
   * A script run in every page before the app's own. Source text, not a function:
   * tsx's transform adds helpers to functions that do not exist in the page.
   */
  init?: string;
}

export interface TestBrowser {
  browser: Browser;
  /** A new context (a separate person's browser) with one page on the app. */
  open(options?: OpenOptions): Promise<{ context: BrowserContext; page: WebPage }>;
  /**
   * A context already signed in as `name` (registered on first use): the SDK signs in
   * and the session is put where the app keeps it, so tests not about the sign-in form skip it.
   */
  openAs(name: string, options?: OpenOptions & { deviceName?: string }): Promise<{ context: BrowserContext; page: WebPage; deviceId: string; userId: string }>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(server: TestServer): Promise<TestBrowser> {
  // Playwright gives each launch a fresh, empty profile directory of its own and removes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  const open: TestBrowser['open'] = async (options = {}) => {
    const { path = '/', clockAt, init, ...contextOptions } = options;
    const context = await browser.newContext({ baseURL: server.url, locale: 'en-US', viewport: { width: 1100, height: 760 }, ...contextOptions });
    contexts.push(context);
    if (clockAt !== undefined) await context.clock.install({ time: clockAt });
    if (init) await context.addInitScript({ content: init });
    const page = (await context.newPage()) as WebPage;
    page.problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') page.problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
    await page.goto(path);
    return { context, page };
  };
  return {
    browser,
    open,
    async openAs(name, options = {}) {
      const { deviceName = 'Test browser', path = '/', ...rest } = options;
      const signed = await server.user(name, deviceName);
      const session = { token: signed.token, user: { id: signed.userId, name }, deviceId: signed.deviceId };
      const { context, page } = await open({ ...rest, path: '/healthz' });
      await page.evaluate((s) => localStorage.setItem('chat.session', JSON.stringify(s)), session);
      await page.goto(path);
      if (path === '/' || path.startsWith('/c/')) await connected(page);
      return { context, page, deviceId: signed.deviceId, userId: signed.userId };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, name: string, password = PASSWORD): Promise<void> {
  if (!page.url().endsWith('/signin')) await page.goto('/signin');
  await page.getByLabel('Name or email').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await connected(page);
}

/** Waits until the app's stream is open (the header says Connected). */
export async function connected(page: Page): Promise<void> {
  const open = page.locator('.connection[data-state="open"]');
  const alert = page.getByRole('alert');
  // An error on screen instead fails at once, saying what the page said.
  await open.or(alert).first().waitFor();
  if (!(await open.isVisible())) throw new Error(`the app shows an error instead of connecting: ${await alert.first().textContent()}`);
}

/** The conversation list's entry whose name is exactly `name` (previews may mention it too). */
export function conversationLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Conversations' }).locator('a.conversation-item', { has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
}

/**
 * A describe block's server and browser: started before its tests, closed after.
 * Messages are kept forever unless the suite says otherwise, since the server's
 * clock is the test's and the browser's is the machine's.
 */
export function webSuite(overrides: Partial<Config> = {}): { server: TestServer; web: TestBrowser } {
  const suite = {} as { server: TestServer; web: TestBrowser };
  before(async () => {
    suite.server = await startServer({ messageTtlMs: 0, ...overrides });
    suite.web = await launchBrowser(suite.server);
  });
  after(async () => {
    await suite.web?.close();
    await suite.server?.close();
  });
  return suite;
}
