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

describe('the web servers behind a proxy, the finder and OpenID Connect', () => {
  test('trusted proxies: none by default; addresses and CIDR ranges, separated by commas; anything else is named', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ ZORGINKOOP_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1, fd00::/8' }).trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    expect(() => loadConfig({ ZORGINKOOP_TRUSTED_PROXIES: 'proxy.example' })).toThrow(
      'ZORGINKOOP_TRUSTED_PROXIES="proxy.example": \'proxy.example\' is not an IP address or CIDR range; give the addresses of the proxies in front of the console and the finder, separated by commas (e.g. 127.0.0.1,10.0.0.0/8)',
    );
    expect(() => loadConfig({ ZORGINKOOP_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow("'10.0.0.0/33' is not an IP address or CIDR range");
  });

  test('the finder allows 120 requests a minute per address by default; 0 turns the limit off', () => {
    expect(loadConfig({}).finder.requestsPerMinute).toBe(120);
    expect(loadConfig({ ZORGINKOOP_FINDER_REQUESTS_PER_MINUTE: '600' }).finder.requestsPerMinute).toBe(600);
    expect(loadConfig({ ZORGINKOOP_FINDER_REQUESTS_PER_MINUTE: '0' }).finder.requestsPerMinute).toBe(0);
    expect(() => loadConfig({ ZORGINKOOP_FINDER_REQUESTS_PER_MINUTE: 'veel' })).toThrow('ZORGINKOOP_FINDER_REQUESTS_PER_MINUTE="veel": a whole number of requests per minute per address, e.g. 120 (0: no limit)');
  });

  test('an http: OpenID Connect issuer is accepted silently: refused unless it is a loopback address (local testing)', () => {
    const oidc = { ZORGINKOOP_OIDC_CLIENT_ID: 'zorginkoop', ZORGINKOOP_CONSOLE_URL: 'https://zi.example' };
    expect(() => loadConfig({ ...oidc, ZORGINKOOP_OIDC_ISSUER: 'http://login.verzekeraar.example/realms/staff' })).toThrow(
      'ZORGINKOOP_OIDC_ISSUER="http://login.verzekeraar.example/realms/staff": the issuer must use https:// (http:// only on a loopback address such as 127.0.0.1, for testing)',
    );
    for (const issuer of ['http://127.0.0.1:9000/', 'http://localhost:8080/realms/test', 'http://[::1]:8080/', 'https://login.verzekeraar.example/realms/staff']) {
      expect(loadConfig({ ...oidc, ZORGINKOOP_OIDC_ISSUER: issuer }).console.oidc?.issuer).toBe(issuer);
    }
  });

  test('the purchasing mailbox: an address, and an IMAP URL that never sends a password unencrypted off this machine; the password is never shown', () => {
    expect(loadConfig({})).toMatchObject({ purchasingAddress: 'zorginkoop@zorgverzekeraar.example' });
    expect(loadConfig({}).imapUrl).toBeUndefined();
    expect(loadConfig({ ZORGINKOOP_PURCHASING_ADDRESS: ' Zorginkoop@CareSQ.nl ' }).purchasingAddress).toBe('zorginkoop@caresq.nl');
    expect(() => loadConfig({ ZORGINKOOP_PURCHASING_ADDRESS: 'zorginkoop' })).toThrow('ZORGINKOOP_PURCHASING_ADDRESS="zorginkoop": expected an e-mail address');
    expect(loadConfig({ ZORGINKOOP_IMAP_URL: 'imaps://inkoop:geheim@mail.verzekeraar.example/INBOX' }).imapUrl).toBe('imaps://inkoop:geheim@mail.verzekeraar.example/INBOX');
    expect(() => loadConfig({ ZORGINKOOP_IMAP_URL: 'imap://inkoop:geheim@mail.verzekeraar.example/INBOX' })).toThrow('imap:// sends the password unencrypted');
    expect(() => loadConfig({ ZORGINKOOP_IMAP_URL: 'imap://inkoop:geheim@mail.verzekeraar.example/INBOX' })).not.toThrow('geheim');
    expect(() => loadConfig({ ZORGINKOOP_IMAP_URL: 'imaps://mail.verzekeraar.example' })).toThrow('name the mailbox user');
    expect(() => loadConfig({ ZORGINKOOP_IMAP_URL: 'https://mail.verzekeraar.example' })).toThrow('expected imaps://user:password@host:993/INBOX');
  });
});

describe('metrics and logs', () => {
  test('no metrics endpoint and readable log lines unless set', () => {
    expect(loadConfig({}).observability).toEqual({ metrics: {}, logFormat: 'text', traces: { to: 'off' } });
  });

  test('each metrics address is host:port; the SDK exporter gets it as written', () => {
    const config = loadConfig({
      ZORGINKOOP_WORKER_METRICS: '127.0.0.1:9464',
      ZORGINKOOP_SDK_METRICS: '0.0.0.0:9465',
      ZORGINKOOP_CONSOLE_METRICS: '[::1]:9466',
      ZORGINKOOP_FINDER_METRICS: 'metrics.internal:9467',
      ZORGINKOOP_LOG_FORMAT: 'json',
    });
    expect(config.observability).toEqual({
      metrics: {
        worker: { host: '127.0.0.1', port: 9464, address: '127.0.0.1:9464' },
        sdk: { host: '0.0.0.0', port: 9465, address: '0.0.0.0:9465' },
        console: { host: '::1', port: 9466, address: '[::1]:9466' },
        finder: { host: 'metrics.internal', port: 9467, address: 'metrics.internal:9467' },
      },
      logFormat: 'json',
      traces: { to: 'off' },
    });
  });

  test('a wrong metrics address or log format is named with what is expected', () => {
    expect(() => loadConfig({ ZORGINKOOP_WORKER_METRICS: '9464' })).toThrow('ZORGINKOOP_WORKER_METRICS="9464": expected host:port to serve metrics on, e.g. 127.0.0.1:9464 (127.0.0.1: this machine only; 0.0.0.0: every interface)');
    expect(() => loadConfig({ ZORGINKOOP_SDK_METRICS: 'http://127.0.0.1:9465' })).toThrow('ZORGINKOOP_SDK_METRICS="http://127.0.0.1:9465": expected host:port');
    expect(() => loadConfig({ ZORGINKOOP_CONSOLE_METRICS: '127.0.0.1:70000' })).toThrow('ZORGINKOOP_CONSOLE_METRICS="127.0.0.1:70000": the port must be 1-65535');
    expect(() => loadConfig({ ZORGINKOOP_FINDER_METRICS: '127.0.0.1:0' })).toThrow('ZORGINKOOP_FINDER_METRICS="127.0.0.1:0": the port must be 1-65535');
    expect(() => loadConfig({ ZORGINKOOP_SDK_METRICS: 'localhost:9465' })).toThrow("ZORGINKOOP_SDK_METRICS=\"localhost:9465\": the Temporal SDK's exporter listens on an IP address, not a name: e.g. 127.0.0.1:9465");
    expect(() => loadConfig({ ZORGINKOOP_LOG_FORMAT: 'xml' })).toThrow('ZORGINKOOP_LOG_FORMAT="xml"');
  });

  test('traces: off unless set; console, or an OTLP/HTTP URL', () => {
    expect(loadConfig({ ZORGINKOOP_OTEL_TRACES: 'off' }).observability.traces).toEqual({ to: 'off' });
    expect(loadConfig({ ZORGINKOOP_OTEL_TRACES: '' }).observability.traces).toEqual({ to: 'off' });
    expect(loadConfig({ ZORGINKOOP_OTEL_TRACES: 'console' }).observability.traces).toEqual({ to: 'console' });
    expect(loadConfig({ ZORGINKOOP_OTEL_TRACES: 'http://otel-collector:4318/v1/traces' }).observability.traces).toEqual({ to: 'otlp', url: 'http://otel-collector:4318/v1/traces' });
    expect(loadConfig({ ZORGINKOOP_OTEL_TRACES: ' https://collector.internal/v1/traces ' }).observability.traces).toEqual({ to: 'otlp', url: 'https://collector.internal/v1/traces' });
  });

  test('a wrong traces setting is named with its value and what is expected', () => {
    const expected = 'expected off, console, or the OTLP/HTTP traces URL of a collector, e.g. http://127.0.0.1:4318/v1/traces';
    expect(() => loadConfig({ ZORGINKOOP_OTEL_TRACES: 'on' })).toThrow(`ZORGINKOOP_OTEL_TRACES="on": ${expected}`);
    expect(() => loadConfig({ ZORGINKOOP_OTEL_TRACES: '127.0.0.1:4318' })).toThrow(`ZORGINKOOP_OTEL_TRACES="127.0.0.1:4318": ${expected}`);
    expect(() => loadConfig({ ZORGINKOOP_OTEL_TRACES: 'grpc://127.0.0.1:4317' })).toThrow(`ZORGINKOOP_OTEL_TRACES="grpc://127.0.0.1:4317": ${expected}`);
  });
});
