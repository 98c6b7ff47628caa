import { ConfigError, connectionOptions, loadConfig } from '../../config/config';

describe('configuration', () => {
  test('defaults to the local dev server', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ address: 'localhost:7233', namespace: 'default', taskQueue: 'zorginkoop', isLocalDevServer: true });
    expect(config.tls).toBeUndefined();
  });

  test('a wrong value names the variable, the value and what is wrong', () => {
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(ConfigError);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(
      'Configuration error:\n  TEMPORAL_ADDRESS="localhost": expected host:port, e.g. localhost:7233 or my-ns.a1b2c.tmprl.cloud:7233',
    );
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'localhost:99999' })).toThrow('TEMPORAL_ADDRESS="localhost:99999": the port must be 1-65535');
    expect(() => loadConfig({ TEMPORAL_NAMESPACE: 'my namespace' })).toThrow('TEMPORAL_NAMESPACE="my namespace"');
  });

  test('the worker cache size is a whole number, or the SDK default', () => {
    expect(loadConfig({}).maxCachedWorkflows).toBeUndefined();
    expect(loadConfig({ ZORGINKOOP_MAX_CACHED_WORKFLOWS: '2000' }).maxCachedWorkflows).toBe(2000);
    expect(() => loadConfig({ ZORGINKOOP_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow('ZORGINKOOP_MAX_CACHED_WORKFLOWS="lots": a whole number of workflows, e.g. 2000');
  });

  test('mTLS needs both certificate and key; an API key excludes a certificate', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/c.pem' })).toThrow('TEMPORAL_TLS_KEY: mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY');
    expect(() => loadConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS_CERT: '/c', TEMPORAL_TLS_KEY: '/k' })).toThrow('TEMPORAL_API_KEY: use either an API key or a client certificate');
  });

  test('Temporal Cloud with an API key uses TLS', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'zorginkoop.a1b2c', TEMPORAL_API_KEY: 'secret' });
    expect(config.isLocalDevServer).toBe(false);
    expect(connectionOptions(config)).toMatchObject({ address: 'eu-west-1.aws.api.temporal.io:7233', apiKey: 'secret', tls: {} });
  });

  test('an unreadable certificate file is named', () => {
    const config = loadConfig({ TEMPORAL_TLS_CERT: '/nonexistent/client.pem', TEMPORAL_TLS_KEY: '/nonexistent/client.key' });
    expect(() => connectionOptions(config)).toThrow('TEMPORAL_TLS_CERT="/nonexistent/client.pem": cannot read the file (ENOENT)');
  });
});
