// Builds the CLI to JavaScript: one bundle, dist/cli.js, with node_modules left outside (required
// from node_modules at run time), so `zorginkoop` starts without compiling TypeScript. Run by
// `npm ci` / `npm install` (the `prepare` script), by `npm test`'s pre-step, and by
// bin/zorginkoop.js itself when a source file is newer than the bundle.
// Plain Node on purpose: the bin calls it before anything is compiled.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist/cli.js and dist/cli.inputs.json (the source files it was built from, for the bin's staleness check). */
export async function buildCli({ quiet = false } = {}) {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  // Into temporary files first, then renamed: a CLI started during a build reads the old bundle or the new one, never half of one.
  const tmp = `.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['cli/index.ts'],
    outfile: join(dist, `cli.js${tmp}`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  writeFileSync(join(dist, `cli.inputs.json${tmp}`), `${JSON.stringify(inputs)}\n`);
  renameSync(join(dist, `cli.js${tmp}.map`), join(dist, 'cli.js.map'));
  renameSync(join(dist, `cli.js${tmp}`), join(dist, 'cli.js'));
  renameSync(join(dist, `cli.inputs.json${tmp}`), join(dist, 'cli.inputs.json'));
  return inputs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const inputs = await buildCli();
  process.stderr.write(`dist/cli.js built from ${inputs.length} source files\n`);
}
