/**
 * The console's metrics (web/console/server.ts, imports.ts): sign-ins by outcome; the rows of an
 * applied spreadsheet import are kept in the record (import_runs), which the worker's metrics read
 * (watchImports). (The endpoint and the anonymous request on the console's own port, and an
 * import from the CLI: test/e2e/metrics.test.ts.)
 */
import { ProductMetrics } from '../../activities/metrics';
import { call, csrfOf, signIn, startConsole, tryPassword, type TestConsole } from './console-http';

let console_: TestConsole;
const metrics = new ProductMetrics();
beforeAll(async () => {
  console_ = await startConsole('console_metrics', { metrics });
});
afterAll(async () => {
  await console_?.close();
});

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

test('sign-ins are counted by outcome: failed and signed in', async () => {
  expect((await tryPassword(console_.base, 'viewer', 'fout')).status).toBe(302);
  await signIn(console_.base, 'viewer');
  const text = await metrics.text();
  expect(value(text, 'zorginkoop_sign_ins_total{outcome="failed",via="password"}')).toBe(1);
  expect(value(text, 'zorginkoop_sign_ins_total{outcome="signed-in",via="password"}')).toBe(1);
});

test("an applied import is kept in the record, and the worker's metrics count its rows by outcome", async () => {
  const worker = new ProductMetrics().watchImports(console_.database);
  const { cookie, csrf } = await signIn(console_.base, 'coordinator');
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set('soort', 'refusals');
  form.set('bestand', new Blob(['AGB-code;Beleid;Reden\nabc;zg-2026;te duur\n;zg-2026;te duur\n']), 'weigeringen.csv');
  const dry = await call(console_.base, { url: '/import', headers: { cookie }, multipart: form });
  expect(dry.status).toBe(200);
  // Only errors: no apply button, but the report's link names the upload, and applying it is allowed.
  const uploadId = /href="\/import\/([^/]+)\/resultaat\.csv"/.exec(dry.body)?.[1];
  expect(uploadId).toBeDefined();
  expect(value(await worker.text(), 'zorginkoop_import_rows{kind="refusals",outcome="error"}')).toBe(0);
  const applied = await call(console_.base, { url: `/import/${uploadId}/toepassen`, headers: { cookie }, form: { _csrf: csrfOf(dry.body) } });
  expect(applied.status).toBe(200);
  // A second reading of the record (the gauge reads it at most once a second).
  await new Promise((r) => setTimeout(r, 1100));
  expect(value(await worker.text(), 'zorginkoop_import_rows{kind="refusals",outcome="error"}')).toBe(2);
  expect(await console_.database.db.selectFrom('import_runs').selectAll().execute()).toEqual([expect.objectContaining({ kind: 'refusals', source: 'console', actor: 'coordinator', file_name: 'weigeringen.csv', changed: 0, unchanged: 0, errors: 2 })]);
});
