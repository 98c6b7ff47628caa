/**
 * `npm run temporal -- <args>`: the project's own Temporal CLI, e.g.
 *   npm run temporal -- workflow list --query "ZorgStatus='OFFERED'"
 */
import { spawnSync } from 'node:child_process';
import { resolveTemporalBinary, TEMPORAL_CLI } from '../runtime/temporal-binaries';

const cli = resolveTemporalBinary(TEMPORAL_CLI);
if (!cli) {
  process.stderr.write('No Temporal CLI could be found or installed; set TEMPORAL_CLI_PATH to one you have.\n');
  process.exit(1);
}
const result = spawnSync(cli.path, process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);
