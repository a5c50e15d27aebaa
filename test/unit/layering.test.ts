// The import-boundary rules of eslint.config.js refuse what DESIGN.md's arrows
// forbid and let the allowed imports through: each case is linted as if it
// were a file of that layer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function refused(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layering (lint)', () => {
  it('refuses the imports against the arrows', async () => {
    const cases: [string, string][] = [
      ['src/domain/probe.ts', "import { x } from '../store/sqlite/index.js';"],
      ['src/domain/probe.ts', "import { x } from 'better-sqlite3';"],
      ['src/domain/policy/probe.ts', "import { x } from '../../http/errors.js';"],
      ['src/contract/probe.ts', "import { x } from '../domain/errors.js';"],
      ['src/contract/probe.ts', "import { x } from 'fastify';"],
      ['src/http/v1/probe.ts', "import { x } from '../../store/sqlite/index.js';"],
      ['src/http/stream/probe.ts', "import { x } from '../../bus/local.js';"],
      ['src/store/sqlite/probe.ts', "import { x } from '../../http/errors.js';"],
      ['src/bus/probe.ts', "import { x } from '../store/errors.js';"],
      ['src/sdk/probe.ts', "import { x } from '../domain/cursor.js';"],
      ['src/sdk/probe.ts', "import { x } from 'ws';"],
      ['src/cli/probe.ts', "import { x } from '../contract/index.js';"],
      ['src/cli/commands/probe.ts', "import { x } from '../../domain/errors.js';"],
      ['src/domain/probe.ts', "import { x } from '../config.js';"],
    ];
    for (const [file, source] of cases) assert.equal(await refused(file, source), true, `${file}: ${source}`);
  });

  it('lets the allowed ones through', async () => {
    const cases: [string, string][] = [
      ['src/domain/probe.ts', "import { x } from '../contract/index.js';"],
      ['src/domain/probe.ts', "import { x } from 'node:crypto';"],
      ['src/store/sqlite/probe.ts', "import { x } from '../../domain/policy/index.js';"],
      ['src/http/stream/probe.ts', "import type { x } from '../../bus/hub.js';"],
      ['src/http/v1/probe.ts', "import { x } from '../../domain/errors.js';"],
      ['src/sdk/probe.ts', "import { x } from '../contract/values.js';"],
      ['src/cli/commands/probe.ts', "import { x } from '../../sdk/index.js';"],
    ];
    for (const [file, source] of cases) assert.equal(await refused(file, source), false, `${file}: ${source}`);
  });
});
