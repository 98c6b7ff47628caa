// Lint rules. The important ones: code that runs inside Temporal workflows (workflows/,
// machines/, policies/) must stay deterministic and replayable, so it may not import Node
// built-ins or I/O packages, nor read the clock or random numbers outside workflow time.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
  name,
  message: 'Workflow and machine code must be deterministic: no Node built-ins (do I/O in an activity).',
}));

const deterministic = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        ...nodeBuiltins,
        { name: '@temporalio/client', message: 'Not inside workflows.' },
        { name: '@temporalio/worker', message: 'Not inside workflows.' },
        { name: '@temporalio/activity', message: 'Not inside workflows.' },
      ],
      patterns: [
        { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Import only the activities\' types; call them through proxyActivities.' },
        { group: ['**/cli/*', '**/config/*', '**/scripts/*', '**/runtime/*'], message: 'Workflow code may not depend on I/O code.' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'No environment inside workflows: configuration is read in worker.ts.' },
    { name: 'setTimeout', message: 'Use sleep() or condition() with a timeout: the workflow owns timers.' },
    { name: 'setInterval', message: 'Use sleep() in a loop.' },
    { name: 'fetch', message: 'No network inside workflows: use an activity.' },
  ],
  'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Not replayable; use uuid4() from @temporalio/workflow.' }],
};

// Machines and policies are pure functions of their inputs: not even workflow time.
const pure = {
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pure code reads no clock: take the instant as an input.' },
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pure code reads no clock: take the instant as an input.' },
    { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local)$/]", message: 'Pure code reads no clock: take the instant as an input.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.temporal/', '.data/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['workflows/**/*.ts', 'machines/**/*.ts', 'policies/**/*.ts', 'words/**/*.ts'], rules: deterministic },
  // The words are pure too: a dictionary reads no clock and does no I/O.
  { files: ['machines/**/*.ts', 'policies/**/*.ts', 'words/**/*.ts'], rules: pure },
  { files: ['scripts/**/*.mjs', 'eslint.config.mjs', '.dependency-cruiser.cjs', 'jest.config.js', 'jest.services.config.js', 'test/helpers/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  { files: ['jest.config.js', 'jest.services.config.js', 'test/helpers/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
