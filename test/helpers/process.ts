/**
 * A product process as a user starts it (a script run with tsx from the repository), for the
 * tests that must go through the real entry point: jest's module transform once hid a broken import.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Starts `tsx <args>` and resolves once its output matches `ready`; `output()` is all it wrote so far. An exit before that fails it. */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  const child = spawn(TSX, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${args.join(' ')} did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        done({ child, match, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code}: ${output}`)));
  });
}

/**
 * Runs `start` (which picks its ports with freePort, just before it starts its process) again
 * where a port was taken in between: a free port is only free until someone binds it, and with two
 * jest workers another file's server may bind it first.
 */
export async function onFreePorts<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= attempts || !/is taken|EADDRINUSE|address already in use/i.test((err as Error).message)) throw err;
    }
  }
}

/** The built CLI (`bin/zorginkoop.js`) as a user runs it, in a process of its own, to its end. */
export function runBuiltCli(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) =>
    execFile(process.execPath, [join(ROOT, 'bin', 'zorginkoop.js'), ...argv], { env: { ...process.env, ...env } }, (err, out, errText) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errText })),
  );
}

/** Stops started processes (SIGTERM) and waits until each has exited. */
export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null ? done(undefined) : c.once('exit', done)))));
}
