// The user documentation stands alone: every relative link of the README and
// docs/ resolves (the file, and the heading an anchor names), and every
// setting of the server is in both configuration tables, as it really is.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETTINGS } from '../../src/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');

/** Markdown without its code blocks and code spans, where `[x](y)` is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  return new Set([...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
}

describe('the documentation', () => {
  it('is linked from the README, page by page', () => {
    const readme = read('README.md');
    for (const page of PAGES.filter((p) => p !== 'README.md')) assert.ok(readme.includes(`](${page})`), `README links ${page}`);
  });

  for (const page of PAGES) {
    it(`${page}: every relative link resolves, anchors included`, () => {
      const links = [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
      assert.ok(page !== 'README.md' || links.length >= 6, 'the README links its pages');
      for (const link of links) {
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path === '' ? page : relative(ROOT, join(ROOT, dirname(page), path));
        assert.ok(existsSync(join(ROOT, target)), `${page}: ${link} -> ${target} exists`);
        if (anchor !== undefined) assert.ok(anchors(read(target)).has(anchor), `${page}: ${link} -> a heading #${anchor} in ${target}`);
      }
    });
  }

  for (const page of ['README.md', 'docs/configuration.md']) {
    it(`${page}: the configuration table has every setting with its flag and default, and nothing else`, () => {
      const rows = read(page).split('\n').filter((l) => /^\| `[A-Z_]+` \|/.test(l));
      for (const s of SETTINGS) {
        const row = rows.find((r) => r.startsWith(`| \`${s.env}\` |`));
        assert.ok(row, `${page} documents ${s.env}`);
        const [, flag, byDefault] = row.split('|').slice(1).map((c) => c.trim());
        assert.equal(flag, `\`--${s.flag}\``, `${s.env}'s flag`);
        assert.equal(byDefault, s.default === '' ? 'none' : `\`${s.default}\``, `${s.env}'s default`);
      }
      const known = new Set(SETTINGS.map((s) => s.env));
      for (const r of rows) assert.ok(known.has(/^\| `([A-Z_]+)`/.exec(r)![1]!), `${page}: ${r.slice(0, 40)}… is a setting the server has`);
    });
  }
});
