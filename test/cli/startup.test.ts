/**
 * Issue 13, the CLI: a `bin` that runs JavaScript built by esbuild (no TypeScript compiled at run
 * time), whose start-up loads no heavy module (Temporal client, database, policies, activities),
 * `--version`, and usage errors in two lines, checked before anything connects.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CARE_TYPES, main } from '../../cli';
import { CareTypeSchema } from '../../policies/policy';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('the built CLI', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  });

  test('package.json names bin/zorginkoop.js as the zorginkoop bin; npm ci builds it (prepare), npm run zorginkoop runs it', () => {
    expect(pkg.bin).toEqual({ zorginkoop: 'bin/zorginkoop.js' });
    expect(readFileSync(join(root, pkg.bin.zorginkoop!), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(pkg.scripts.prepare).toContain('scripts/build-cli.mjs');
    expect(pkg.scripts.pretest).toContain('scripts/build-cli.mjs');
    expect(pkg.scripts.zorginkoop).toBe('node bin/zorginkoop.js');
  });

  test('zorginkoop --version prints the version of package.json, quickly', () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [join(root, 'bin', 'zorginkoop.js'), '--version'], { cwd: root, encoding: 'utf8' });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${pkg.version}\n`);
    }
    // The goal is under 500 ms (npm run bench:cli measures it); here, on two cores shared with
    // other tests, a bound that still catches TypeScript compiled at run time (about 2 s).
    expect(times.sort((a, b) => a - b)[1]).toBeLessThan(1000);
  });

  test('start-up (the program with every command, the catalogue commands too) loads neither the Temporal client, the database, zod nor the policies', () => {
    const program = `require(${JSON.stringify(join(root, 'dist', 'cli.js'))}).buildProgram({}, { out() {}, err() {} })`;
    const loaded = execFileSync(process.execPath, ['-e', `${program}; process.stdout.write(Object.keys(require.cache).join('\\n'))`], { encoding: 'utf8' }).split('\n');
    expect(loaded.filter((f) => /@temporalio|kysely|[/\\]pg[/\\]|[/\\]zod[/\\]|pglite|yaml|date-holidays|xstate/.test(f))).toEqual([]);
  });

  test('the bundle runs a command end to end (plan, from the editions folder)', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'zorginkoop.js'), 'plan', 'zg-2026'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('zg-2026');
  });
});

test('--version in process, and the care types of policy draft are the schema\'s', async () => {
  expect(await cli(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  expect([...CARE_TYPES]).toEqual(CareTypeSchema.options);
});

describe('usage errors: what is wrong in two lines, exit 2, before connecting', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` };
  });

  test('a missing argument or option: the problem and where the help is, not the whole help', async () => {
    const { code, out, err } = await cli(['sign', '01000001', '--policy', 'zg-2026'], env);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("zorginkoop: required option '--by <name>' not specified\n(zorginkoop sign --help for usage)\n");
    const missing = await cli(['status', '--policy', 'zg-2026'], env);
    expect(missing.err).toBe("zorginkoop: missing required argument 'agb'\n(zorginkoop status --help for usage)\n");
    expect((await cli(['stauts'], env)).err).toBe("zorginkoop: unknown command 'stauts' (did you mean status?)\n(zorginkoop --help for usage)\n");
  });

  test.each([
    [['status', '1234567', '--policy', 'zg-2026'], "AGB code '1234567': an AGB code is exactly 8 digits"],
    [['sign', '0100000A', '--policy', 'zg-2026', '--by', 'x'], "AGB code '0100000A'"],
    [['deadline', 'move', 'signing-deadline', '--policy', 'zg-2026', '--agb', '123', '--to', '2027-01-01', '--reason', 'r', '--by', 'x'], "AGB code '123'"],
    [['deadline', 'move', 'signing-deadline', '--policy', 'zg-2026', '--agb', '01000001', '--to', '2027-02-30', '--reason', 'r', '--by', 'x'], "date '2027-02-30': there is no such day"],
    [['deadline', 'move', 'signing-deadline', '--policy', 'zg-2026', '--all', '--to', '8-11-2027', '--reason', 'r', '--by', 'x'], "date '8-11-2027': a date is YYYY-MM-DD"],
    [['apply', '01000001', '--policy', 'zg-2026', '--by', 'x', '--received-on', '2027-13-01'], "date '2027-13-01': there is no such day"],
    [['new-product', '01000001', '--policy', 'zg-2026', '--by', 'x', '--product', 'p', '--received-on', 'tomorrow'], "date 'tomorrow'"],
  ])('%j', async (argv, message) => {
    const { code, err } = await cli(argv, env);
    expect(err).toContain(message);
    expect(err).not.toContain('cannot reach Temporal');
    expect(code).toBe(2);
  });
});
