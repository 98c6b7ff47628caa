/**
 * The staff CLI in the test's own process, with its output captured (the fault runs and the
 * benchmarks have theirs in scripts/local-run.ts: product code and scripts do not import tests).
 */
import { main as cli } from '../../cli';

export async function runCli(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cli(argv, env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
