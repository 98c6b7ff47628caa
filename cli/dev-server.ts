/**
 * Where `npm start` runs the local Temporal dev server: on the port of TEMPORAL_ADDRESS when that
 * names this machine (no TLS, no API key), with the Web UI on that port + 1000, as the Temporal
 * CLI does (7233 and 8233 by default).
 */
import { SearchAttributeType } from '@temporalio/common';
import type { Config } from '../config/config';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export interface LocalDevServer {
  ip: string;
  port: number;
  uiPort: number;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The dev server `npm start` may start for this configuration; undefined for a cluster elsewhere. */
export function localDevServer(config: Pick<Config, 'address' | 'tls' | 'apiKey'>): LocalDevServer | undefined {
  if (config.tls || config.apiKey) return undefined;
  const match = /^(.+):(\d+)$/.exec(config.address);
  if (!match || !LOCAL_HOSTS.has(match[1]!)) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  // The Temporal CLI's own default: the UI on the frontend port + 1000.
  const uiPort = port + 1000 <= 65535 ? port + 1000 : port - 1000;
  return { ip: '127.0.0.1', port, uiPort };
}

/** The arguments of `temporal server start-dev` for that server, with this product's search attributes. */
export function startDevArguments(server: LocalDevServer & { namespace: string; dbFilename: string }): string[] {
  const type: Partial<Record<SearchAttributeType, string>> = { [SearchAttributeType.KEYWORD]: 'Keyword', [SearchAttributeType.DATETIME]: 'Datetime' };
  return [
    'server', 'start-dev', '--ip', server.ip, '--port', String(server.port), '--ui-port', String(server.uiPort),
    '--namespace', server.namespace, '--db-filename', server.dbFilename, '--log-level', 'warn',
    ...SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${type[key.type]}`]),
  ];
}
