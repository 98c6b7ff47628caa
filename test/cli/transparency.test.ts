/**
 * NZa, Regeling transparantie zorginkoopproces Zvw (TH/NR-021), article 4: a purchasing policy is
 * public by 1 April of the year before the contract year, with its phases and the terms for both
 * sides (item 1), how the insurer is reached (item 2), its quality policy (item 3) and the minimum
 * requirements per contract (item 4). Through the built CLI (bin/zorginkoop.js): `policy check`
 * on a copy of ZG 2026 with each item taken out in turn names it at its line; `campaign start`
 * refuses a published edition that lacks one (exit 2, the item named) and starts nothing; a draft
 * only warns; the six shipped editions pass.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const EDITIONS = join(ROOT, 'editions');
const PROVIDERS = join(ROOT, 'data', 'demo', 'zg-2026-providers.json');
/** No database and no Temporal: nothing here may need either (a port nothing listens on). */
const ENV = { ZORGINKOOP_DATABASE_URL: 'postgres://zorginkoop@127.0.0.1:1/zorginkoop', TEMPORAL_ADDRESS: '127.0.0.1:1' };

let dir: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'transparency-'));
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The built CLI, as staff run it. */
function zorginkoop(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'zorginkoop.js'), ...argv], { env: { ...process.env, ...ENV, ...env } }, (err, out, errText) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errText }));
  });
}

/** A copy of ZG 2026 changed by `edit`, alone in an editions folder of its own; its file and text. */
function copyOfZg(name: string, edit: (doc: ReturnType<typeof parseDocument>) => void): { folder: string; file: string; text: string } {
  const folder = mkdtempSync(join(dir, `${name}-`));
  const doc = parseDocument(readFileSync(join(EDITIONS, 'zg-2026.yaml'), 'utf8'));
  edit(doc);
  const text = doc.toString({ lineWidth: 0 });
  const file = join(folder, 'zg-2026.yaml');
  writeFileSync(file, text);
  return { folder, file, text };
}

/** The 1-based line of the first line of `text` that starts with `start` (after its indentation). */
function lineOf(text: string, start: string): number {
  const index = text.split('\n').findIndex((l) => l.trimStart().startsWith(start));
  if (index < 0) throw new Error(`no line starts with ${start}`);
  return index + 1;
}

// Each item of article 4 taken out in turn: what goes, and the line it is reported at. A field
// that is missing is reported where the transparency fields go (after answerWithinWorkingDays).
const ITEMS: { item: string; edit: (doc: ReturnType<typeof parseDocument>) => void; at: string; path: string; says: string }[] = [
  { item: 'art. 4: the publication date', edit: (d) => d.delete('published'), at: 'answerWithinWorkingDays:', path: 'published', says: 'de publicatiedatum van het inkoopbeleid ontbreekt' },
  { item: 'art. 4: published after 1 April', edit: (d) => d.setIn(['published', 'date'], '2025-04-02'), at: 'date: 2025-04-02', path: 'published.date', says: 'het inkoopbeleid is gepubliceerd op woensdag 2 april 2025, na 1 april (uiterlijk dinsdag 1 april 2025)' },
  {
    item: 'art. 4 item 1: the signing deadline (the provider\'s term to answer an offer)',
    edit: (d) => {
      const calendar = d.get('calendar') as { items: { get(k: string): unknown }[] };
      d.deleteIn(['calendar', calendar.items.findIndex((s) => s.get('step') === 'signing-deadline')]);
    },
    at: 'tracks: [',
    path: 'contractKinds.0.tracks',
    says: 'zg (negotiation, application): geen uiterste tekendatum in de planning',
  },
  { item: 'art. 4 item 2: how the insurer is reached', edit: (d) => d.delete('contact'), at: 'answerWithinWorkingDays:', path: 'contact', says: 'hoe de zorgverzekeraar bereikbaar is ontbreekt' },
  { item: 'art. 4 item 3: the quality policy', edit: (d) => d.delete('qualityPolicy'), at: 'answerWithinWorkingDays:', path: 'qualityPolicy', says: 'het kwaliteitsbeleid bij de zorginkoop ontbreekt' },
  { item: 'art. 4 item 4: the minimum requirements of the contract kind', edit: (d) => d.set('conditions', []), at: '- id: zg', path: 'contractKinds.0', says: 'zg: geen minimumeisen' },
];

describe.each(ITEMS)('without $item', ({ edit, at, path, says }) => {
  test('policy check names it at its line, and a published edition exits 1', async () => {
    const { file, text } = copyOfZg(path.replace(/\W/g, '-'), edit);
    const run = await zorginkoop(['policy', 'check', file]);
    expect(run.out).toContain(`${file}:${lineOf(text, at)}: ${path}: [NZa-regeling transparantie zorginkoopproces, art. 4`);
    expect(run.out).toContain(says);
    expect(run.code).toBe(1);
    expect(run.err).toContain("zg-2026 is published but lacks 1 item(s) of the NZa's transparency rule");
  });

  test('campaign start refuses it (exit 2, the item named) and starts nothing', async () => {
    const { folder } = copyOfZg(`${path.replace(/\W/g, '-')}-start`, edit);
    const run = await zorginkoop(['campaign', 'start', 'zg-2026', '--providers', PROVIDERS], { ZORGINKOOP_EDITIONS_DIR: folder });
    expect(run.code).toBe(2);
    expect(run.err).toContain("zorginkoop: zg-2026 is published but lacks 1 item(s) the NZa's transparency rule (TH/NR-021 art. 4) asks for: ");
    expect(run.err).toContain(`${path} (`);
    expect(run.err).toContain('Nothing was started');
    // Refused before it reached for Temporal: no connection error.
    expect(run.err).not.toMatch(/connect|ECONNREFUSED|Temporal/i);
  });
});

test('a draft that lacks an item only warns: policy check exits 0, campaign start --dry-run shows the decisions with the warning', async () => {
  const { folder, file, text } = copyOfZg('draft', (d) => {
    d.set('status', 'draft');
    d.delete('contact');
  });
  const check = await zorginkoop(['policy', 'check', file]);
  expect(check.code).toBe(0);
  expect(check.out).toContain(`warning: ${file}:${lineOf(text, 'answerWithinWorkingDays:')}: contact: [NZa-regeling transparantie zorginkoopproces, art. 4 onder 2] hoe de zorgverzekeraar bereikbaar is ontbreekt`);
  expect(check.out).toContain('een concept: dit moet in orde zijn voordat het beleid gepubliceerd wordt');

  const dry = await zorginkoop(['campaign', 'start', 'zg-2026', '--providers', PROVIDERS, '--dry-run'], { ZORGINKOOP_EDITIONS_DIR: folder });
  expect(dry.code).toBe(0);
  expect(dry.err).toContain("warning: zg-2026 lacks 1 item(s) of the NZa's transparency rule (to add before it is published):");
  expect(dry.err).toContain('warning: contact: [NZa-regeling transparantie zorginkoopproces, art. 4 onder 2]');
  expect(dry.out).toContain('01000001');
});

test('an answer target left to its default is a warning: the published text must state it', async () => {
  const { file } = copyOfZg('answer-target', (d) => d.delete('answerWithinWorkingDays'));
  const run = await zorginkoop(['policy', 'check', file]);
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/warning: .*zg-2026\.yaml:\d+: answerWithinWorkingDays: de antwoordtermijn staat niet in het bestand \(answerWithinWorkingDays\): de standaard van 5 werkdagen geldt/);
});

test.each(readdirSync(EDITIONS).filter((f) => f.endsWith('.yaml')))('the shipped edition %s passes, and says the terms it gives', async (name) => {
  const run = await zorginkoop(['policy', 'check', join(EDITIONS, name)]);
  expect(run.code).toBe(0);
  expect(run.out).toContain("Transparantieregel van de NZa (The NZa's transparency rule): in orde / complete");
  expect(run.out).toContain('antwoord op vragen en aanvragen binnen 5 werkdagen (answerWithinWorkingDays)');
  if (name === 'zg-2026.yaml') expect(run.out).toContain("vier weken (28 dagen) tussen aanbod en uiterste tekendatum ('4 weken na aanbieding zorgovereenkomst 2026'): zg (negotiation, application)");
  if (name === 'paramedisch-2027.yaml') expect(run.out).toContain("39 dagen tussen de laatste aanboddag ('Uiterlijk 30 september 2026') en de uiterste tekendatum ('8 november 2026')");
});
