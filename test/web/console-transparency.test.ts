/**
 * NZa, Regeling transparantie zorginkoopproces Zvw (TH/NR-021), article 4 item 2 (how the insurer
 * is reached), in the console: a coordinator's campaign check of a published edition without
 * `contact` names the item in Dutch and offers no start; a start posted all the same is refused
 * by the one refusal `launchCampaign` makes (operations/campaigns.ts), before Temporal is reached
 * (this console has none). Over real HTTP, without a browser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { EditionStore } from '../../activities/edition-store';
import { call, csrfOf, signIn, startConsole, type TestConsole } from './console-http';

const ROOT = join(__dirname, '..', '..');
let dir: string;
let c: TestConsole;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-transparency-'));
  const doc = parseDocument(readFileSync(join(ROOT, 'editions', 'zg-2026.yaml'), 'utf8'));
  doc.delete('contact');
  writeFileSync(join(dir, 'zg-2026.yaml'), doc.toString({ lineWidth: 0 }));
  c = await startConsole('console_transparency', { editions: new EditionStore({ dir }) });
});
afterAll(async () => {
  await c?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a published edition without its contact: the check names it and offers no start; a start posted anyway is refused, naming it', async () => {
  const { cookie } = await signIn(c.base, 'coordinator');
  const form = await call(c.base, { url: '/campagne', headers: { cookie } });
  const body = new FormData();
  body.append('_csrf', csrfOf(form.body));
  body.append('beleid', 'zg-2026');
  body.append('bestand', new Blob([readFileSync(join(ROOT, 'data', 'demo', 'zg-2026-providers.json'))], { type: 'application/json' }), 'zg-2026-providers.json');
  const checked = await call(c.base, { url: '/campagne', headers: { cookie }, multipart: body });
  expect(checked.status).toBe(200);
  expect(checked.body).toContain('data-testid="transparency"');
  expect(checked.body).toContain('zg-2026 is gepubliceerd, maar mist een onderdeel dat de transparantieregel van de NZa vraagt; de campagne start niet');
  expect(checked.body).toContain('hoe de zorgverzekeraar bereikbaar is ontbreekt (contact: e-mailadres, telefoon, met de bron) (NZa-regeling transparantie zorginkoopproces, art. 4 onder 2)');
  expect(checked.body).not.toContain('action="/campagne/start"');

  // The start, posted by hand with the upload the check saved.
  const upload = await c.database.db.selectFrom('console_uploads').select('id').where('username', '=', 'coordinator').executeTakeFirstOrThrow();
  const started = await call(c.base, { url: '/campagne/start', headers: { cookie }, form: { _csrf: csrfOf(checked.body), upload: upload.id } });
  expect(started.status).toBe(422);
  expect(started.body).toContain('zg-2026 is gepubliceerd, maar mist een onderdeel dat de transparantieregel van de NZa vraagt; de campagne start niet');
  expect(started.body).toContain('hoe de zorgverzekeraar bereikbaar is ontbreekt');
});
