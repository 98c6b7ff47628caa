/**
 * `npm run build:temporal-server`: builds the Temporal server and its SQL schema tool from the Go
 * module `go.temporal.io/server` into `.tools/temporal-server-<version>/`, as `temporal-server`
 * and `temporal-sql-tool`, with a copy of the module's PostgreSQL schema files beside them
 * (`schema/postgresql/v12`). `npm run cluster` runs them.
 *
 * Needs `go` (any version: GOTOOLCHAIN fetches the one the module needs through GOPROXY, which
 * is left as the environment has it). CPU-heavy (some 10 minutes on one core): it runs niced,
 * one package at a time, so that the machine stays usable; `-- --jobs N` for more.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TOOLS_DIR } from '../runtime/temporal-binaries';
import { TEMPORAL_SERVER_DIR, TEMPORAL_SERVER_GO, TEMPORAL_SERVER_VERSION } from '../runtime/temporal-cluster';

const say = (line: string) => process.stdout.write(`build-temporal-server: ${line}\n`);
const jobsArg = process.argv.indexOf('--jobs');
const jobs = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : 1;
const module = 'go.temporal.io/server';

const env = {
  ...process.env,
  GOTOOLCHAIN: TEMPORAL_SERVER_GO,
  GOFLAGS: '-mod=mod',
  CGO_ENABLED: '0',
  GOMAXPROCS: String(jobs),
};

mkdirSync(TOOLS_DIR, { recursive: true });
const staging = mkdtempSync(join(TOOLS_DIR, '.staging-server-'));
try {
  const began = Date.now();
  say(`go install ${module}/cmd/server and cmd/tools/sql @v${TEMPORAL_SERVER_VERSION} (${TEMPORAL_SERVER_GO}, CGO off, ${jobs} job(s), niced) ...`);
  const build = spawnSync(
    'nice',
    ['-n', '10', 'go', 'install', '-p', String(jobs), `${module}/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `${module}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`],
    { stdio: 'inherit', env: { ...env, GOBIN: staging } },
  );
  if (build.status !== 0) throw new Error(`go install failed (exit ${build.status ?? build.signal})`);
  const modcache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', env }).stdout.trim();
  const schema = join(modcache, `${module}@v${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!existsSync(schema)) throw new Error(`the module's schema files are not at ${schema}`);

  rmSync(TEMPORAL_SERVER_DIR, { recursive: true, force: true });
  mkdirSync(TEMPORAL_SERVER_DIR, { recursive: true });
  renameSync(join(staging, 'server'), join(TEMPORAL_SERVER_DIR, 'temporal-server'));
  renameSync(join(staging, 'sql'), join(TEMPORAL_SERVER_DIR, 'temporal-sql-tool'));
  cpSync(schema, join(TEMPORAL_SERVER_DIR, 'schema', 'postgresql', 'v12'), { recursive: true });
  // The module cache is read-only, and so is the copy: writable again, so that the next build can replace it.
  for (const entry of readdirSync(join(TEMPORAL_SERVER_DIR, 'schema'), { recursive: true, withFileTypes: true })) {
    chmodSync(join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
  chmodSync(join(TEMPORAL_SERVER_DIR, 'schema'), 0o755);
  const mb = (file: string) => `${(statSync(join(TEMPORAL_SERVER_DIR, file)).size / 1e6).toFixed(1)} MB`;
  say(`done in ${((Date.now() - began) / 1000).toFixed(0)} s: ${TEMPORAL_SERVER_DIR}: temporal-server ${mb('temporal-server')}, temporal-sql-tool ${mb('temporal-sql-tool')}`);
} catch (err) {
  say((err as Error).message);
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
