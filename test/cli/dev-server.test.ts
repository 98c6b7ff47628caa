import { localDevServer, startDevArguments } from '../../cli/dev-server';
import { loadConfig } from '../../config/config';

describe('npm start: the dev server follows TEMPORAL_ADDRESS', () => {
  it('runs on localhost:7233 with the Web UI on 8233 by default', () => {
    expect(localDevServer(loadConfig({}))).toEqual({ ip: '127.0.0.1', port: 7233, uiPort: 8233 });
  });

  it('runs on the port of a local TEMPORAL_ADDRESS, the UI on that port + 1000', () => {
    expect(localDevServer(loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7300' }))).toEqual({ ip: '127.0.0.1', port: 7300, uiPort: 8300 });
    expect(localDevServer(loadConfig({ TEMPORAL_ADDRESS: 'localhost:17233' }))).toEqual({ ip: '127.0.0.1', port: 17233, uiPort: 18233 });
    const args = startDevArguments({ ...localDevServer(loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7300' }))!, namespace: 'default', dbFilename: '/tmp/dev.sqlite' });
    expect(args.join(' ')).toContain('--ip 127.0.0.1 --port 7300 --ui-port 8300');
    expect(args).toContain('ZorgPolicy=Keyword');
    expect(args).toContain('ZorgNextDeadline=Datetime');
  });

  it('starts no server for a cluster elsewhere, with TLS or with an API key', () => {
    expect(localDevServer(loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' }))).toBeUndefined();
    expect(localDevServer({ address: 'localhost:7233', apiKey: 'secret' })).toBeUndefined();
    expect(localDevServer({ address: 'localhost:7233', tls: {} })).toBeUndefined();
  });
});
