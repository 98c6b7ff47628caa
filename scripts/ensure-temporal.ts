/**
 * Pre-step of `npm start` and `npm test`: makes sure the named Temporal binaries are on disk.
 * Usage: tsx scripts/ensure-temporal.ts [cli] [test-server]
 */
import { resolveTemporalBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../runtime/temporal-binaries';

const wanted = { cli: TEMPORAL_CLI, 'test-server': TEMPORAL_TEST_SERVER } as const;

for (const arg of process.argv.slice(2)) {
  const binary = wanted[arg as keyof typeof wanted];
  if (!binary) {
    process.stderr.write(`ensure-temporal: unknown binary '${arg}'; expected one of: ${Object.keys(wanted).join(', ')}\n`);
    process.exit(2);
  }
  const resolved = resolveTemporalBinary(binary);
  if (resolved && resolved.source !== 'cache') {
    process.stderr.write(`${binary.name} ${binary.version}: ${resolved.path} (from ${resolved.source})\n`);
  }
}
