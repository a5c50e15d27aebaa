// Which language to show: the one the user picked (remembered), else the
// browser's first preference we speak, else English.
import { dictionaries, type Dictionary, type Lang, type MessageKey } from './messages.js';

export const LANG_KEY = 'chat.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(dictionaries, value);
}

export function chooseLang(saved: string | null, browserLanguages: readonly string[]): Lang {
  if (isLang(saved)) return saved;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

/** Fills `{name}` placeholders; values are plain text, rendered by React as text. */
export function format(dict: Dictionary, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
