import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// DESIGN.md's arrows, as imports each layer may not make (sources matched as written).
const FOLDERS = ['contract', 'domain', 'store', 'bus', 'http', 'adapters', 'sdk', 'cli'];
const folders = (...names) => ({ regex: `(^|/)(${names.join('|')})/`, message: `this layer does not import ${names.join(', ')} (DESIGN.md's arrows)` });
const wiring = { regex: '(^|/)(server|config|main)\\.js$', message: 'only server.ts and main.ts wire the server from config' };
const except = (...allowed) => FOLDERS.filter((f) => !allowed.includes(f));
const layer = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The contract imports nothing of the server; its schemas are built with TypeBox only.
  layer(['src/contract/**'], folders(...except()), wiring, { regex: '^(?!node:|\\.|@sinclair/typebox)', message: 'the contract depends on TypeBox only' }),
  // The domain imports only the contract and node: builtins: no driver, no framework.
  layer(['src/domain/**'], folders(...except('contract', 'domain')), wiring, { regex: '^(?!node:|\\.)', message: 'the domain imports no package, only the contract and node: builtins' }),
  // Stores, buses and adapters implement the domain's ports; none knows another, or HTTP.
  layer(['src/store/**'], folders(...except('contract', 'domain', 'store')), wiring),
  layer(['src/bus/**'], folders(...except('contract', 'domain', 'bus')), wiring),
  layer(['src/adapters/**'], folders(...except('contract', 'domain', 'adapters')), wiring),
  // HTTP calls the domain; the bus's hub may be named as a type, and implementations are chosen in server.ts.
  layer(['src/http/**'], folders('store', 'adapters', 'sdk', 'cli'), { ...folders('bus'), allowTypeImports: true }),
  // The SDK shares the contract and nothing else of the server, and runs in browsers.
  layer(['src/sdk/**'], folders(...except('contract', 'sdk')), wiring, { regex: '^(?!\\.)', message: 'the SDK imports no package (it runs in browsers and on Node)' }),
  // The terminal client and the web app use the SDK only.
  layer(['src/cli/**', 'web/**'], folders(...except('sdk', 'cli')), wiring),
);
