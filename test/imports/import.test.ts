/**
 * Bulk decisions from spreadsheets (imports/index.ts) on a time-skipping world: a dry run names
 * the bad rows and sends nothing, apply changes the ready rows, applying the same file again
 * changes nothing; conversation outcomes from a Windows-1252 CSV with an AGB code Excel dropped
 * the leading zero of; signatures from the portal's status export (WAAR/ONWAAR); refusals.
 *
 * Editions: Geboortezorg 2026 rehearsed for 2056 (kraamzorg questionnaires reach
 * UNDER_ASSESSMENT once submitted; several contract kinds, so the kind is inferred from the one
 * track a provider has) and ZG 2026 rehearsed for 2056 (one kind; IN_CONVERSATION from the
 * invitation, OFFERED after a positive outcome).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { addImportCommand } from '../../cli/import';
import type { Config } from '../../config/config';
import { apply, dryRun, reportCsv, type ImportContext, type ImportReport } from '../../imports';
import { sampleAssessmentsXlsx } from '../../imports/sample';
import { EditionStore } from '../../activities/edition-store';
import type { ImportRun } from '../../activities/import-runs';
import type { ProviderInput } from '../../policies/provider';
import { statusQuery, submitQuestionnaireUpdate } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { createWorld, sampleProvider, type ProviderHandle, type World } from '../helpers/world';

const geboortezorg = rehearsalOf('geboortezorg-2026', 2056);
const zg = rehearsalOf('zg-2026', 2056);
let world: World;
let ctx: ImportContext;
beforeAll(async () => {
  world = await createWorld('imports', [geboortezorg, zg]);
  ctx = { client: world.env.client, editions: new EditionStore({ extra: [geboortezorg, zg] }), by: 'coördinator J. Jansen', policy: geboortezorg.id };
});
afterAll(() => world?.close());

const kraam = sampleProvider('geboortezorg-2026', '33012345', 30);
/** A kraamzorg organisation like the sample, under another AGB code. */
const kraamzorg = (agbCode: string): ProviderInput => ({ ...kraam, agbCode, name: `Kraamzorg ${agbCode}`, locations: kraam.locations.map((l) => ({ ...l, agbCode })) });
const zgProvider = (agbCode: string, name: string): ProviderInput => ({
  agbCode,
  name,
  locations: [{ agbCode, name: `${name} hoofdlocatie`, city: 'Utrecht' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2055, toYear: 2055 }],
});

const handles = new Map<string, ProviderHandle>();
const view = (agb: string) => handles.get(agb)!.query(statusQuery);
const byRow = (r: ImportReport) => Object.fromEntries(r.rows.map((x) => [x.row, x]));

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Blad1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const K = ['33100001', '33100002', '33100003', '33100004', '33100005', '33100006', '33100007'];

test('assessments: the dry run names the bad rows and sends nothing; apply changes the ready rows; applying again changes nothing', async () => {
  await world.sleepUntil('2055-05-01T09:00');
  for (const agb of K) handles.set(agb, await world.start(geboortezorg, kraamzorg(agb), 'kraamzorg'));
  await world.sleepUntil('2055-05-15T08:00');
  for (const agb of K) await world.settle(handles.get(agb)!, (v) => v.status === 'QUESTIONNAIRE_OPEN');
  await world.sleepUntil('2055-06-10T10:00');
  // All but the last submit their questionnaire: UNDER_ASSESSMENT.
  for (const agb of K.slice(0, 6)) expect((await handles.get(agb)!.executeUpdate(submitQuestionnaireUpdate, { args: [{ by: 'kraamzorg' }] })).status).toBe('UNDER_ASSESSMENT');

  const file = {
    name: 'beoordelingen juni.xlsx',
    data: await xlsx([
      ['AGB-code', 'Zorgaanbieder', 'Uitkomst', 'Niveau', 'Reden', 'Toelichting'],
      [K[0], 'Kraamzorg 1', 'positief', 'A', null, 'compleet'], // 2 ready
      [K[1], 'Kraamzorg 2', 'Positief', 'b', null, null], // 3 ready (case does not matter)
      [K[2], 'Kraamzorg 3', 'negatief', null, 'geen KSV-keurmerk', null], // 4 ready
      [K[3], 'Kraamzorg 4', 'positief', 'D', null, null], // 5 error: kraamzorg has tiers A to C
      [K[4], 'Kraamzorg 5', 'misschien', null, null, null], // 6 error: no outcome
      [K[5], 'Kraamzorg 6', 'negatief', null, null, null], // 7 error: negative without a reason
      [K[6], 'Kraamzorg 7', 'positief', 'A', null, null], // 8 error: questionnaire not submitted
      ['33999999', 'Onbekend', 'positief', null, null, null], // 9 error: no track
      [K[0], 'Kraamzorg 1', 'positief', 'A', null, 'nog eens'], // 10 unchanged: the same as row 2
    ]),
  };

  const dry = await dryRun('assessments', file, ctx);
  expect(dry).toMatchObject({ kind: 'assessments', fileName: file.name, encoding: 'xlsx', applied: false, counts: { ready: 3, changed: 0, unchanged: 1, errors: 5 } });
  expect(dry.warnings).toEqual(["kolommen die deze import niet leest: 'Zorgaanbieder'"]);
  const rows = byRow(dry);
  // The contract kind is found: the provider has one track under the edition's six kinds.
  expect(rows[2]).toMatchObject({ result: 'ready', agbCode: K[0], policyId: geboortezorg.id, contractKind: 'kraamzorg', message: 'klaar: wacht op een beoordeling; wordt positief, niveau A' });
  expect(rows[3]).toMatchObject({ result: 'ready', message: 'klaar: wacht op een beoordeling; wordt positief, niveau B' });
  expect(rows[4]).toMatchObject({ result: 'ready', message: 'klaar: wacht op een beoordeling; wordt negatief' });
  expect(rows[5]).toMatchObject({ result: 'error', message: "rij 5, kolom 'Niveau' (D5): niveau D kan niet: contractsoort kraamzorg kent de niveaus A, B, C" });
  expect(rows[6]).toMatchObject({ result: 'error', message: "rij 6, kolom 'Uitkomst' (C6): 'misschien' is geen uitkomst: positief of negatief verwacht" });
  expect(rows[7]).toMatchObject({ result: 'error', message: "rij 7, kolom 'Reden' (E7): een negatieve beoordeling heeft een reden nodig die de zorgaanbieder kan lezen" });
  expect(rows[8]).toMatchObject({ result: 'error', message: `rij 8, AGB ${K[6]} (kraamzorg) wacht niet op een beoordeling: status QUESTIONNAIRE_OPEN (de vragenlijst staat in het portaal; wacht op de zorgaanbieder)` });
  expect(rows[9]).toMatchObject({ result: 'error', message: `rij 9, kolom 'AGB-code' (A9): AGB 33999999 heeft geen track onder ${geboortezorg.id}` });
  expect(rows[10]).toMatchObject({ result: 'unchanged', message: 'rij 10: dubbel: dezelfde beslissing als rij 2 voor deze track; één keer verwerkt' });
  // Nothing was sent.
  for (const agb of K.slice(0, 6)) expect((await view(agb)).status).toBe('UNDER_ASSESSMENT');

  const applied = await apply('assessments', file, ctx);
  expect(applied).toMatchObject({ applied: true, counts: { ready: 0, changed: 3, unchanged: 1, errors: 5 } });
  expect(byRow(applied)[2]!.message).toMatch(/^vastgelegd; nu status (OFFER_PLANNED|SENDING|OFFERED)/);
  expect(await view(K[0]!)).toMatchObject({ status: 'OFFER_PLANNED', tier: 'A' });
  expect(await view(K[1]!)).toMatchObject({ status: 'OFFER_PLANNED', tier: 'B' });
  expect((await world.finalView(handles.get(K[2]!)!)).status).toBe('ASSESSED_NEGATIVE');
  const assessed = (await view(K[0]!)).history.filter((h) => h.event === 'ASSESSED');
  // The history shows the decision and who; the note with the file and row goes with the event (and the audit log).
  expect(assessed).toEqual([expect.objectContaining({ by: 'coördinator J. Jansen', text: 'assessed positive, tier A' })]);
  for (const agb of K.slice(3, 6)) expect((await view(agb)).status).toBe('UNDER_ASSESSMENT');

  // Again: every decision is already there. Without the 'unchanged' classification these rows
  // would be errors ("wacht niet op een beoordeling"): this is what fails then.
  const again = await apply('assessments', file, ctx);
  expect(again.counts).toEqual({ ready: 0, changed: 0, unchanged: 4, errors: 5 });
  expect(byRow(again)[2]).toMatchObject({ result: 'unchanged', message: 'al vastgelegd: positief, niveau A (10-6-2055, door coördinator J. Jansen); niets te doen' });
  expect(byRow(again)[4]).toMatchObject({ result: 'unchanged', message: expect.stringMatching(/^al vastgelegd: negatief \(10-6-2055/) });
  expect((await view(K[0]!)).history.filter((h) => h.event === 'ASSESSED')).toHaveLength(1);

  // A different decision for a track already assessed is an error, not a change.
  const other = { name: 'anders.csv', data: Buffer.from(`AGB-code;Uitkomst;Reden\r\n${K[0]};negatief;toch niet\r\n${K[1]};positief;\r\n`) };
  const conflict = await dryRun('assessments', other, ctx);
  expect(byRow(conflict)[2]).toMatchObject({ result: 'error', message: 'rij 2, al anders vastgelegd: positief, niveau A (10-6-2055, door coördinator J. Jansen); het bestand zegt negatief' });
  // Positive without a tier matches positive with tier B.
  expect(byRow(conflict)[3]).toMatchObject({ result: 'unchanged' });

  // The per-row report for Dutch Excel.
  const csv = reportCsv(applied);
  expect(csv.startsWith('\uFEFFRij;AGB-code;Beleid;Contractsoort;Resultaat;Melding;Tip\n')).toBe(true);
  const lines = parseCsv(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
  expect(lines).toHaveLength(9);
  expect(lines[0]).toMatchObject({ Rij: '2', 'AGB-code': `="${K[0]}"`, Beleid: geboortezorg.id, Contractsoort: 'kraamzorg', Resultaat: 'vastgelegd' });
  expect(lines[4]).toEqual({ Rij: '6', 'AGB-code': `="${K[4]}"`, Beleid: geboortezorg.id, Contractsoort: '', Resultaat: 'fout', Melding: "rij 6, kolom 'Uitkomst' (C6): 'misschien' is geen uitkomst: positief of negatief verwacht", Tip: '' });
});

test('two applies of one file at the same moment record each decision once (the update id is derived from the decision)', async () => {
  const codes = ['33100011', '33100012', '33100013', '33100014'];
  for (const agb of codes) handles.set(agb, await world.start(geboortezorg, kraamzorg(agb), 'kraamzorg'));
  for (const agb of codes) await world.settle(handles.get(agb)!, (v) => v.status === 'QUESTIONNAIRE_OPEN');
  for (const agb of codes) await handles.get(agb)!.executeUpdate(submitQuestionnaireUpdate, { args: [{ by: 'kraamzorg' }] });
  const { data, badRows } = await sampleAssessmentsXlsx(codes, { bad: 1, tier: 'B', contractKind: 'kraamzorg' });
  expect(badRows).toEqual([4]);
  const file = { name: 'tegelijk.xlsx', data };
  const [a, b] = await Promise.all([apply('assessments', file, ctx), apply('assessments', { ...file, name: 'tegelijk (kopie).xlsx' }, { ...ctx, by: 'een collega' })]);
  // Both saw the tracks waiting; Temporal took one update per track (the second got its result).
  for (const r of [a, b]) expect(r.rows.filter((x) => x.result === 'error').map((x) => x.row)).toEqual([4]);
  for (const agb of codes.filter((_, i) => i !== 2)) {
    const v = await view(agb);
    expect(v.status).toBe('OFFER_PLANNED');
    expect(v.history.filter((h) => h.event === 'ASSESSED')).toHaveLength(1);
  }
});

const Z = { a: '01000011', b: '01000012', c: '01000013', d: '01000014' };

test('conversation outcomes from a Windows-1252 CSV: an AGB code that lost its leading zero is padded with a warning when the padded code has a track, else an error', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  for (const [agb, name] of [[Z.a, 'Müller Zorg'], [Z.b, 'Visio'], [Z.c, 'Zoë Zorg'], [Z.d, 'Kentalis']] as const) handles.set(agb, await world.start(zg, zgProvider(agb, name)));
  for (const agb of Object.values(Z)) await world.settle(handles.get(agb)!, (v) => v.history.some((e) => e.event === 'INVITATION_SENT'));
  await world.sleepUntil('2055-09-10T10:00');
  const text = [
    'AGB-code;Zorgaanbieder;Beleid;Uitkomst;Toelichting',
    `1000011;Müller Zorg;${zg.id};positief;afspraken over volumes`, // 2: lost its zero, 01000011 has a track
    `${Z.b};Visio;${zg.id};positief;`,
    `${Z.c};Zoë Zorg;${zg.id};negatief;geen wachttijden gepubliceerd (gesprek met Zoë)`,
    `${Z.d};Kentalis;${zg.id};positief;`,
    `1234567;Onbekend;${zg.id};positief;`, // 6: lost its zero, and 01234567 has no track
  ].join('\r\n');
  // Saved by a Dutch Excel as "CSV (gescheiden door lijstscheidingsteken)": Windows-1252.
  const file = { name: 'gesprekken.csv', data: Buffer.from(text, 'latin1') };
  const dry = await dryRun('conversation-outcomes', file, { ...ctx, policy: undefined });
  expect(dry).toMatchObject({ encoding: 'windows-1252', counts: { ready: 4, errors: 1 } });
  expect(byRow(dry)[2]).toMatchObject({ result: 'ready', agbCode: Z.a, hint: 'Excel liet de voorloopnul weg: bedoelt u 01000011? Maak de kolom tekst. (gelezen: 1000011)' });
  expect(byRow(dry)[6]).toMatchObject({
    result: 'error',
    message: `rij 6, kolom 'AGB-code' (A6): '1234567' heeft geen 8 cijfers, en 01234567 heeft geen track onder ${zg.id}`,
    hint: 'Excel liet de voorloopnul weg: bedoelt u 01234567? Maak de kolom tekst. (gelezen: 1234567)',
  });
  const applied = await apply('conversation-outcomes', file, { ...ctx, policy: undefined });
  expect(applied.counts).toEqual({ ready: 0, changed: 4, unchanged: 0, errors: 1 });
  expect((await view(Z.a)).status).toMatch(/SENDING|OFFERED/);
  expect((await world.finalView(handles.get(Z.c)!)).status).toBe('CONVERSATION_NEGATIVE');
  expect((await view(Z.c)).history.find((h) => h.event === 'CONVERSATION_RECORDED')?.text).toBe('purchase conversation recorded as negative: geen wachttijden gepubliceerd (gesprek met Zoë) (import gesprekken.csv, rij 4)');
  expect((await apply('conversation-outcomes', file, { ...ctx, policy: undefined })).counts).toEqual({ ready: 0, changed: 0, unchanged: 4, errors: 1 });
});

test('signatures from the portal status export (only WAAR rows), then refusals; a workflow refusal is an error row with its own message', async () => {
  for (const agb of [Z.a, Z.b, Z.d]) await world.settle(handles.get(agb)!, (v) => v.status === 'OFFERED');
  await world.sleepUntil('2055-09-20T10:00');
  const exportFile = {
    name: 'statusexport portaal.xlsx',
    data: await xlsx([
      ['AGB-code', 'Naam', 'Status', 'Ondertekend', 'Ondertekend op', 'Ondertekend door'],
      [Z.a, 'Müller Zorg', 'Getekend', true, new Date(Date.UTC(2055, 8, 18)), 'M. Müller, directeur'],
      [Z.b, 'Visio', 'Open', false, null, null],
      [Z.c, 'Zoë Zorg', 'Getekend', 'WAAR', '19-09-2055', null], // no offer: the conversation was negative
      [Z.d, 'Kentalis', 'Getekend', 'WAAR', null, null],
    ]),
  };
  const dry = await dryRun('signatures', exportFile, { ...ctx, policy: zg.id });
  expect(dry.counts).toEqual({ ready: 2, changed: 0, unchanged: 1, errors: 1 });
  expect(byRow(dry)[3]).toMatchObject({ result: 'unchanged', message: 'rij 3: niet ondertekend volgens het bestand (ONWAAR): niets te doen' });
  expect(byRow(dry)[4]).toMatchObject({ result: 'error', message: `rij 4, AGB ${Z.c} wacht niet op een ondertekening (een aanbod in het portaal): status CONVERSATION_NEGATIVE (inkoopgesprek zonder overeenstemming: geen aanbod)` });
  const signed = await apply('signatures', exportFile, { ...ctx, policy: zg.id });
  expect(signed.counts).toEqual({ ready: 0, changed: 2, unchanged: 1, errors: 1 });
  expect((await view(Z.a)).history.find((h) => h.event === 'CONTRACT_SIGNED')).toMatchObject({
    by: 'coördinator J. Jansen',
    text: 'contract signed: ondertekend door M. Müller, directeur op 18-9-2055 (portaal) (import statusexport portaal.xlsx, rij 2)',
  });
  expect((await apply('signatures', exportFile, { ...ctx, policy: zg.id })).counts).toEqual({ ready: 0, changed: 0, unchanged: 3, errors: 1 });

  // Refusals: Visio refuses; Müller signed already (an error: not waiting for a refusal).
  const refusals = { name: 'weigeringen.csv', data: Buffer.from(`\uFEFFAGB-code;Reden\r\n${Z.b};tarief te laag\r\n${Z.a};bedacht zich\r\n${Z.b};tarief te laag, zie brief\r\n`) };
  const refused = await apply('refusals', refusals, { ...ctx, policy: zg.id });
  expect(refused.counts).toEqual({ ready: 0, changed: 1, unchanged: 1, errors: 1 });
  expect(byRow(refused)[3]!.message).toMatch(/^rij 3, AGB 01000011 wacht niet op een weigering \(een aanbod in het portaal\): status (SIGNED|PUBLISHED)/);
  // A refused track closes: wait for that before asking (a query that meets the closing task can wait long on the test server).
  expect((await world.finalView(handles.get(Z.b)!)).status).toBe('REFUSED');
  expect((await apply('refusals', refusals, { ...ctx, policy: zg.id })).counts).toEqual({ ready: 0, changed: 0, unchanged: 2, errors: 1 });
});

test('a file that cannot be imported says why, and sends nothing', async () => {
  await expect(dryRun('assessments', { name: 'x.csv', data: Buffer.from('AGB-code;Niveau\r\n01000001;A\r\n') }, ctx)).rejects.toThrow("x.csv: de kolom 'Uitkomst' ontbreekt in de kopregel (rij 1); gevonden: 'AGB-code', 'Niveau'");
  await expect(dryRun('refusals', { name: 'x.csv', data: Buffer.from('AGB-code;Reden\r\n01000001;te laag\r\n') }, { ...ctx, policy: undefined })).rejects.toThrow("geen kolom 'Beleid' en geen beleid gekozen (--policy)");
  await expect(apply('signatures', { name: 'x.csv', data: Buffer.from('AGB-code;Ondertekend\r\n') }, { ...ctx, by: ' ' })).rejects.toThrow('zeg wie de beslissingen vastlegt');
});

test('the CLI: `import <kind> <file>` is a dry run, --apply records, --report writes the rows, --json prints the report; an error row is a failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  const file = join(dir, 'beoordelingen.csv');
  // Rows 2 and 3 are ready (their questionnaires wait); row 4 has no track.
  writeFileSync(file, `\uFEFFAGB-code;Uitkomst;Niveau;Reden\r\n${K[3]};positief;C;\r\n${K[4]};negatief;;onvolledig\r\n33999998;positief;;\r\n`);
  const runs: ImportRun[] = [];
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const program = new Command('zorginkoop').option('--json').exitOverride();
    const usage = class UsageError extends Error {};
    addImportCommand(program, {
      config: () => ({}) as Config,
      editions: () => ctx.editions,
      connect: async () => ({ client: world.env.client, close: async () => undefined }),
      recordRun: async (_config, r) => void runs.push(r),
      print: (value, text) => out.push(program.opts().json ? JSON.stringify(value) : text()),
      err: (t) => err.push(t),
      usageError: (m) => new usage(m),
    });
    const failure = await program.parseAsync(argv, { from: 'user' }).then(() => undefined, (e: Error) => e);
    return { out: out.join('\n'), err: err.join(''), failure, usage: failure instanceof usage };
  };

  const dry = await run('import', 'assessments', file, '--policy', geboortezorg.id, '--by', 'coördinator');
  expect(dry.out).toContain(`proefimport (niets verstuurd) assessments uit beoordelingen.csv (utf-8 (BOM)): 2 klaar, 0 ongewijzigd, 1 fout`);
  expect(dry.out).toContain(`      2  ${K[3]}  klaar       klaar: wacht op een beoordeling; wordt positief, niveau C`);
  expect(dry.out).toContain('Niets verstuurd. Vastleggen: dezelfde opdracht met --apply.');
  expect(dry.failure?.message).toBe('1 row(s) with an error (see above)');
  expect((await view(K[3]!)).status).toBe('UNDER_ASSESSMENT');
  expect(runs).toEqual([]);

  const report = join(dir, 'resultaat.csv');
  const applied = await run('import', 'assessments', file, '--policy', geboortezorg.id, '--by', 'coördinator', '--apply', '--report', report, '--json');
  const json = JSON.parse(applied.out) as ImportReport;
  expect(json).toMatchObject({ applied: true, counts: { changed: 2, unchanged: 0, errors: 1, ready: 0 } });
  expect(applied.failure?.message).toBe(`1 row(s) with an error (see above and ${report}); the 2 other change(s) were recorded`);
  expect(readFileSync(report, 'utf8')).toBe(reportCsv(json));
  expect((await view(K[3]!)).tier).toBe('C');
  // Kept in the record for the worker's metrics (zorginkoop_import_rows), as the console's imports are.
  expect(runs).toEqual([{ kind: 'assessments', source: 'cli', actor: 'coördinator', fileName: 'beoordelingen.csv', policyId: geboortezorg.id, counts: json.counts }]);

  // Bad input: exit 2 before anything is read or sent.
  expect(await run('import', 'assessments', join(dir, 'er-niet.csv'), '--policy', geboortezorg.id, '--by', 'x')).toMatchObject({ usage: true, failure: expect.objectContaining({ message: expect.stringContaining('cannot read the file (ENOENT)') }) });
  expect(await run('import', 'assessments', file, '--policy', 'geen-beleid', '--by', 'x')).toMatchObject({ usage: true });
  const noColumn = join(dir, 'leeg.csv');
  writeFileSync(noColumn, 'AGB-code\r\n01000001\r\n');
  expect(await run('import', 'assessments', noColumn, '--policy', geboortezorg.id, '--by', 'x')).toMatchObject({ usage: true, failure: expect.objectContaining({ message: expect.stringContaining("de kolom 'Uitkomst' ontbreekt") }) });
});
