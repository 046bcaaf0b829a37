// Lint: TypeScript-aware, plus the determinism rule of the engine: engine/ never reads the wall clock,
// Math.random, files or the network. `npm test` runs this; a violation fails the build.
import tseslint from 'typescript-eslint';

const banned = (name, why) => ({ name, message: `engine/ is deterministic: ${why}` });

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'out/**', 'scratch/**', 'viewer/client/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'engine/ is deterministic: draw from a seeded stream (engine/rng.ts), never Math.random' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'engine/ is deterministic: time is the tick (engine/time.ts), never Date.now' },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'engine/ is deterministic: no wall clock (performance.now)' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'engine/ is deterministic: new Date() reads the wall clock; pass a sim time' },
        { selector: "CallExpression[callee.name='Date'][arguments.length=0]", message: 'engine/ is deterministic: Date() reads the wall clock' },
        { selector: "MemberExpression[object.name='Math'][property.value='random']", message: 'engine/ is deterministic: draw from a seeded stream (engine/rng.ts), never Math.random' },
        { selector: "MemberExpression[property.name='random'][object.property.name='Math']", message: 'engine/ is deterministic: draw from a seeded stream (engine/rng.ts), never Math.random' },
        { selector: "MemberExpression[object.name='process'][property.name=/^(env|hrtime|uptime|argv|cwd)$/]", message: 'engine/ is deterministic: no process state (env, hrtime, uptime, argv, cwd); the caller passes what the engine needs' },
        { selector: "CallExpression[callee.property.name=/^(randomUUID|randomBytes|randomInt|getRandomValues|randomFill|randomFillSync)$/]", message: 'engine/ is deterministic: no system randomness (crypto.random*); draw from a seeded stream' },
        { selector: "CallExpression[callee.name=/^(randomUUID|randomBytes|randomInt|getRandomValues)$/]", message: 'engine/ is deterministic: no system randomness (crypto.random*); draw from a seeded stream' },
        { selector: "CallExpression[callee.name='require']", message: 'engine/ is deterministic: no require(); import the engine modules statically' },
        { selector: "ImportExpression", message: 'engine/ is deterministic: no dynamic import(); import statically so the lint can see every dependency' },
        { selector: "CallExpression[callee.name=/^(setTimeout|setInterval|setImmediate)$/]", message: 'engine/ is deterministic: no timers; the caller decides when to step' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((n) => banned(n, 'no file system in the engine; the loader (scenarios/) reads files')),
            ...['net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'http2', 'node:http2', 'dgram', 'node:dgram', 'child_process', 'node:child_process'].map((n) => banned(n, 'no network or processes in the engine')),
          ],
        },
      ],
    },
  },
);
