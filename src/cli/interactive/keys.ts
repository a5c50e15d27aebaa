// Keys -> what they mean on each screen, and the hints that say so. Pure, so
// the mapping and the hints on screen cannot drift apart unnoticed.
import type { Key } from 'ink';
import { MENU } from './menu.js';
import { AUTH_FIELDS, type State } from './state.js';

export type KeyName = 'up' | 'down' | 'enter' | 'escape' | 'tab' | 'backtab' | 'backspace' | 'pageup' | 'pagedown' | 'home' | 'end' | 'f2';

/** One key press: a named key, Ctrl+letter, or typed text. */
export type KeyPress = { name: KeyName } | { ctrl: string } | { text: string };

export type Edit = { insert: string } | { erase: 'char' | 'word' | 'all' };

export type Intent =
  | { do: 'quit' }
  | { do: 'menu' }
  | { do: 'back' }
  | { do: 'edit'; edit: Edit }
  | { do: 'enter' }
  | { do: 'move'; by: number }
  | { do: 'page'; by: -1 | 1 }
  | { do: 'edge'; to: 'top' | 'bottom' }
  | { do: 'new' }
  | { do: 'group' }
  | { do: 'toggle-auth' }
  | { do: 'pick'; index: number };

const F2 = new Set(['\u001bOQ', '\u001b[12~', '\u001b[[B', '\u001b[1;1Q']);

/** Ink's reading of a key (plus the raw input, for F2, which Ink does not name) as our key presses. */
export function fromInk(input: string, key: Key): KeyPress[] {
  if (key.upArrow) return [{ name: 'up' }];
  if (key.downArrow) return [{ name: 'down' }];
  if (key.pageUp) return [{ name: 'pageup' }];
  if (key.pageDown) return [{ name: 'pagedown' }];
  if (key.home) return [{ name: 'home' }];
  if (key.end) return [{ name: 'end' }];
  if (key.return) return [{ name: 'enter' }];
  if (key.escape) return [{ name: 'escape' }];
  if (key.tab) return [{ name: key.shift ? 'backtab' : 'tab' }];
  // Most terminals send DEL (0x7f) for Backspace, which Ink calls "delete"; with no cursor to delete under, both erase backwards.
  if (key.backspace || key.delete) return [{ name: 'backspace' }];
  if (key.ctrl && /^[a-z]$/.test(input)) return [{ ctrl: input }];
  if (key.meta || key.leftArrow || key.rightArrow) return [];
  return textPresses(input);
}

export function isF2(raw: string): boolean {
  return F2.has(raw);
}

/**
 * Text that came in one piece (typed fast, pasted, or sent by tmux): printable
 * runs stay text, and the control keys inside it are keys again (Enter, Tab,
 * Backspace, Ctrl+letter), in order.
 */
export function textPresses(input: string): KeyPress[] {
  const out: KeyPress[] = [];
  let text = '';
  const key = (press: KeyPress) => {
    if (text !== '') out.push({ text });
    text = '';
    out.push(press);
  };
  const chars = Array.from(input.replace(/\r\n/g, '\r'));
  for (const ch of chars) {
    if (ch === '\r' || ch === '\n') key({ name: 'enter' });
    else if (ch === '\t') key({ name: 'tab' });
    else if (ch === '\u007f' || ch === '\b') key({ name: 'backspace' });
    else if (ch >= '\u0001' && ch <= '\u001a') key({ ctrl: String.fromCharCode(ch.charCodeAt(0) + 96) });
    else if (ch >= ' ') text += ch;
  }
  if (text !== '') out.push({ text });
  return out;
}

/** What a key press means on the current screen (undefined: nothing). */
export function intentFor(state: State, press: KeyPress): Intent | undefined {
  if ('ctrl' in press && press.ctrl === 'c') return { do: 'quit' };
  if ('name' in press && press.name === 'f2') return { do: 'menu' };
  switch (state.screen) {
    case 'auth':
      return authKey(state, press);
    case 'list':
      if ('text' in press) return press.text === '?' ? { do: 'menu' } : undefined;
      if ('ctrl' in press) return startKey(press.ctrl);
      return named(press.name, { up: { do: 'move', by: -1 }, down: { do: 'move', by: 1 }, enter: { do: 'enter' }, home: { do: 'edge', to: 'top' }, end: { do: 'edge', to: 'bottom' }, pageup: { do: 'move', by: -10 }, pagedown: { do: 'move', by: 10 } });
    case 'conversation':
      if ('text' in press) return { do: 'edit', edit: { insert: press.text } };
      if ('ctrl' in press) return ctrlEdit(press.ctrl) ?? startKey(press.ctrl);
      return named(press.name, { enter: { do: 'enter' }, escape: { do: 'back' }, backspace: { do: 'edit', edit: { erase: 'char' } }, pageup: { do: 'page', by: -1 }, pagedown: { do: 'page', by: 1 }, up: { do: 'move', by: -1 }, down: { do: 'move', by: 1 }, end: { do: 'edge', to: 'bottom' } });
    case 'new':
      if ('text' in press) return { do: 'edit', edit: { insert: press.text } };
      if ('ctrl' in press) return ctrlEdit(press.ctrl);
      return named(press.name, { enter: { do: 'enter' }, escape: { do: 'back' }, backspace: { do: 'edit', edit: { erase: 'char' } }, up: { do: 'move', by: -1 }, down: { do: 'move', by: 1 } });
    case 'group':
      if ('text' in press) return { do: 'edit', edit: { insert: press.text } };
      if ('ctrl' in press) return ctrlEdit(press.ctrl);
      return named(press.name, { enter: { do: 'enter' }, escape: { do: 'back' }, backspace: { do: 'edit', edit: { erase: 'char' } }, tab: { do: 'move', by: 1 }, backtab: { do: 'move', by: -1 }, up: { do: 'move', by: -1 }, down: { do: 'move', by: 1 } });
    case 'menu':
      if ('text' in press) {
        const n = Number(press.text);
        if (Number.isInteger(n) && n >= 1 && n <= MENU.length) return { do: 'pick', index: n - 1 };
        return press.text === '?' ? { do: 'back' } : undefined;
      }
      if ('ctrl' in press) return undefined;
      return named(press.name, { up: { do: 'move', by: -1 }, down: { do: 'move', by: 1 }, enter: { do: 'enter' }, escape: { do: 'back' } });
    case 'feed':
      if ('text' in press) return press.text === '?' ? { do: 'menu' } : undefined;
      if ('ctrl' in press) return startKey(press.ctrl);
      return named(press.name, { escape: { do: 'back' }, pageup: { do: 'page', by: -1 }, pagedown: { do: 'page', by: 1 }, up: { do: 'move', by: -1 }, down: { do: 'move', by: 1 }, end: { do: 'edge', to: 'bottom' } });
  }
}

function authKey(state: State, press: KeyPress): Intent | undefined {
  if ('text' in press) return { do: 'edit', edit: { insert: press.text } };
  if ('ctrl' in press) return press.ctrl === 'r' ? { do: 'toggle-auth' } : ctrlEdit(press.ctrl);
  return named(press.name, {
    enter: { do: 'enter' },
    tab: { do: 'move', by: 1 },
    down: { do: 'move', by: 1 },
    backtab: { do: 'move', by: -1 },
    up: { do: 'move', by: -1 },
    backspace: { do: 'edit', edit: { erase: 'char' } },
    // Esc leaves the form only for someone already signed in (who came here from the menu).
    ...(state.me ? { escape: { do: 'back' } as Intent } : {}),
  });
}

/** Ctrl+N starts a conversation with a user, Ctrl+G a group, from the list, a conversation or a feed. */
function startKey(letter: string): Intent | undefined {
  if (letter === 'n') return { do: 'new' };
  if (letter === 'g') return { do: 'group' };
  return undefined;
}

function ctrlEdit(letter: string): Intent | undefined {
  if (letter === 'u') return { do: 'edit', edit: { erase: 'all' } };
  if (letter === 'w') return { do: 'edit', edit: { erase: 'word' } };
  if (letter === 'h') return { do: 'edit', edit: { erase: 'char' } };
  return undefined;
}

function named(name: KeyName, map: Partial<Record<KeyName, Intent>>): Intent | undefined {
  return map[name];
}

/** Applies an edit to a text field's value. */
export function applyEdit(value: string, edit: Edit): string {
  if ('insert' in edit) return value + edit.insert;
  if (edit.erase === 'all') return '';
  if (edit.erase === 'char') return Array.from(value).slice(0, -1).join('');
  return value.replace(/\s*\S+\s*$/, '');
}

/** The key hints shown at the bottom of each screen. */
export function hintsFor(state: State): [string, string][] {
  switch (state.screen) {
    case 'auth':
      return [
        ['Tab/↑/↓', 'field'],
        ['Enter', state.auth.focus === AUTH_FIELDS[state.auth.mode].length - 1 ? (state.auth.mode === 'signin' ? 'sign in' : 'sign up') : 'next'],
        ['Ctrl+R', state.auth.mode === 'signin' ? 'sign up instead' : 'sign in instead'],
        ...(state.me ? [['Esc', 'back'] as [string, string]] : []),
        ['F2', 'menu'],
        ['Ctrl+C', 'quit'],
      ];
    case 'list':
      return [['↑/↓', 'move'], ['Enter', 'open'], ['Ctrl+N', 'new conversation'], ['Ctrl+G', 'new group'], ['F2/?', 'menu'], ['Ctrl+C', 'quit']];
    case 'conversation':
      return [['Enter', 'send'], ['Esc', 'back'], ['PgUp', 'older'], ['PgDn', 'newer'], ['Ctrl+N', 'new'], ['Ctrl+G', 'group'], ['F2', 'menu'], ['Ctrl+C', 'quit']];
    case 'new':
      return [['type', 'a name'], ['↑/↓', 'pick'], ['Enter', 'start'], ['Esc', 'back'], ['Ctrl+C', 'quit']];
    case 'group':
      return [['Tab/↑/↓', 'field'], ['Enter', state.group.focus === 0 ? 'next' : 'create'], ['Esc', 'back'], ['Ctrl+C', 'quit']];
    case 'menu':
      return [['↑/↓', 'move'], ['Enter/1-' + MENU.length, 'choose'], ['Esc', 'close'], ['Ctrl+C', 'quit']];
    case 'feed':
      return [['PgUp/PgDn', 'scroll'], ['Esc', 'back'], ['Ctrl+N', 'new conversation'], ['F2/?', 'menu'], ['Ctrl+C', 'quit']];
  }
}
