#!/usr/bin/env node
// `zorginkoop`: runs the CLI built to JavaScript (dist/cli.js, see scripts/build-cli.mjs), so it
// starts without compiling TypeScript. Where a source file is newer than the bundle (an engineer
// edited the code), it builds the bundle again first (about a second), so it never runs old code.
'use strict';
/* global process, require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, run by Node as it is */
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'cli.js');

/** True when the bundle is missing or older than one of the source files it was built from. */
function stale() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(root, 'dist', 'cli.inputs.json'), 'utf8'));
    return inputs.some((file) => {
      try {
        return statSync(join(root, file)).mtimeMs > built;
      } catch {
        return true;
      }
    });
  } catch {
    return true;
  }
}

async function run() {
  if (stale()) {
    try {
      const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
      await buildCli({ quiet: true });
    } catch (err) {
      if (!existsSync(bundle)) {
        process.stderr.write(`zorginkoop: the CLI is not built (dist/cli.js) and could not be built: ${err.message}\nRun: npm run build:cli\n`);
        return 1;
      }
      process.stderr.write(`zorginkoop: warning: dist/cli.js is older than the sources and could not be rebuilt (${err.message}); running it as it is\n`);
    }
  }
  const { main } = require(bundle);
  return main(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`zorginkoop: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
