/**
 * `npm start`'s supervision of its children (scripts/supervisor.ts, issue 22 item 11), with real
 * processes: a child that dies is started again and named; one that keeps dying is given up by
 * name; stopping ends every child and its grandchildren within the grace time, also one that
 * ignores SIGTERM, and never waits for an exit that has already happened (what left `npm start`
 * hanging after its database died).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor, type Supervised } from '../../scripts/supervisor';

const node = (code: string) => ({ command: process.execPath, args: ['-e', code], stdio: 'ignore' as const });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const waitFor = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return ok();
};

let folder: string;
const supervisors: Supervisor[] = [];
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'zorginkoop-supervisor-'));
});
afterAll(() => {
  supervisors.forEach((s) => s.killAll());
  rmSync(folder, { recursive: true, force: true });
});
const supervisor = (options: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) => {
  const lines: string[] = [];
  const s = new Supervisor({ say: (l) => lines.push(l), ...options });
  supervisors.push(s);
  return { s, lines };
};

test('defect 11: a child that dies is started again, and the message names it and how it ended', async () => {
  const pids = join(folder, 'pids');
  const { s, lines } = supervisor();
  s.start({ name: 'the finder', ...node(`require('fs').appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n'); setTimeout(() => process.exit(3), 200)`) });
  expect(await waitFor(() => (readFileSafe(pids).match(/\n/g)?.length ?? 0) >= 3)).toBe(true);
  expect(lines[0]).toBe('the finder stopped unexpectedly (exit 3); starting it again in 0.5 s');
  await s.stopAll();
});

test('defect 11: a child that keeps dying is given up, by name, and the supervisor is told', async () => {
  let gaveUp: Supervised | undefined;
  const { s, lines } = supervisor({ maxRestarts: 2, onGiveUp: (child) => (gaveUp = child) });
  s.start({ name: 'the embedded database', ...node('process.exit(1)') });
  expect(await waitFor(() => gaveUp !== undefined)).toBe(true);
  expect(gaveUp!.spec.name).toBe('the embedded database');
  expect(lines.at(-1)).toBe('the embedded database keeps stopping (3 times within a minute; last: exit 1); see its output above');
  await s.stopAll();
});

test('defect 11: stopping ends, within its grace time, a child that ignores SIGTERM, and the grandchild it started', async () => {
  const grandchild = join(folder, 'grandchild');
  const { s, lines } = supervisor();
  const child = s.start({
    name: 'the worker',
    ...node(`process.on('SIGTERM', () => {}); const c = require('child_process').spawn('sleep', ['300']); require('fs').writeFileSync(${JSON.stringify(grandchild)}, String(c.pid)); setInterval(() => {}, 1000)`),
    graceMs: 1000,
  });
  expect(await waitFor(() => readFileSafe(grandchild) !== '')).toBe(true);
  const grandPid = Number(readFileSafe(grandchild));
  const began = Date.now();
  await s.stopAll();
  expect(Date.now() - began).toBeLessThan(4000);
  expect(alive(child.process.pid!)).toBe(false);
  expect(await waitFor(() => !alive(grandPid), 2000)).toBe(true);
  expect(lines).toContain('the worker did not stop within 1 s; killing it');
});

test('defect 11: stopping after a child died does not wait for the exit that already happened', async () => {
  const { s } = supervisor();
  const child = s.start({ name: 'the database', ...node('process.exit(0)'), graceMs: 20_000 });
  const other = s.start({ name: 'the console', ...node('setInterval(() => {}, 1000)'), graceMs: 20_000 });
  await child.exited;
  const began = Date.now();
  await s.stopAll([[child], [other]]);
  expect(Date.now() - began).toBeLessThan(2000);
  expect(other.running).toBe(false);
});

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
