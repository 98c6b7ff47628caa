/**
 * The contract document as PDF (docs/contract-document.md): the same inputs give the same bytes,
 * in this process and in another, so its SHA-256 identifies what was offered. Page one is kept as
 * a PNG in test-results/contract-document/ for a look by eye: made with pdftoppm (poppler-utils)
 * where it is installed (or at ZORGINKOOP_PDFTOPPM); where it is not, the PNG is skipped and the log
 * says why (CI never fails for a missing tool).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderContractPdf, sha256Of } from '../../activities/contract-pdf';
import { contractDocument, type ContractDocumentInput } from '../../policies/contract-document';
import { edition } from '../helpers/editions';

const resultsDir = resolve(__dirname, '../../test-results/contract-document');

/** A logopedie offer under the 2028 draft, with what changed since 2027. */
const offer: ContractDocumentInput = {
  kind: 'offer',
  reference: 'contracting/paramedisch-2028/05012345/logopedie/offer',
  edition: edition('paramedisch-2028'),
  previous: edition('paramedisch-2027'),
  provider: {
    agbCode: '05012345',
    name: 'Logopediepraktijk De Spreekkamer',
    locations: [
      { agbCode: '05012345', name: 'De Spreekkamer Centrum', city: 'Utrecht' },
      { agbCode: '05012346', name: 'De Spreekkamer Oost', city: 'Zeist' },
    ],
  },
  contractKind: 'logopedie',
  issuedOn: '2027-10-29',
  tier: 'A',
  term: { fromYear: 2028, toYear: 2029 },
  signingDeadline: '2027-11-08',
};

test('000 s5 / 001 s2.6: the same offer twice gives byte-identical PDFs, here and in another process', async () => {
  const first = await renderContractPdf(contractDocument(offer));
  const second = await renderContractPdf(contractDocument(structuredClone(offer)));
  expect(second.bytes.equals(first.bytes)).toBe(true);
  expect(first.sha256).toBe(sha256Of(first.bytes));
  expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // Another process, another moment: the same bytes (pdfkit would stamp its own time and file ID).
  const script = `
    const { renderContractPdf } = require('./activities/contract-pdf');
    const { contractDocument } = require('./policies/contract-document');
    const input = JSON.parse(process.env.DOCUMENT_INPUT);
    renderContractPdf(contractDocument(input)).then((r) => process.stdout.write(r.bytes.toString('base64')));`;
  const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), '-e', script], { cwd: resolve(__dirname, '../..'), env: { ...process.env, DOCUMENT_INPUT: JSON.stringify(offer), TZ: 'Pacific/Auckland' }, encoding: 'utf8', maxBuffer: 16 << 20 });
  expect(child.stderr).toBe('');
  expect(Buffer.from(child.stdout, 'base64').equals(first.bytes)).toBe(true);
});

test('another provider, day or clause is another document, with another hash', async () => {
  const base = (await renderContractPdf(contractDocument(offer))).sha256;
  const other = await Promise.all([
    renderContractPdf(contractDocument({ ...offer, provider: { ...offer.provider, name: 'Logopediepraktijk Het Woord' } })),
    renderContractPdf(contractDocument({ ...offer, signingDeadline: '2027-11-09' })),
    renderContractPdf(contractDocument({ ...offer, edition: { ...offer.edition, contract: { clauses: offer.edition.contract!.clauses.slice(1) } } })),
  ]);
  expect(new Set([base, ...other.map((o) => o.sha256)]).size).toBe(4);
});

test('the document holds the provider, its AGB codes and locations, the kind, tier, term, start, the signing deadline and the clauses with their sources', () => {
  const doc = contractDocument(offer);
  expect(doc.title).toBe('Contractaanbod Logopedie');
  expect(Object.fromEntries(doc.facts.map((f) => [f.label, f.value]))).toEqual({
    Zorgaanbieder: 'Logopediepraktijk De Spreekkamer',
    'AGB-code': '05012345',
    Zorgovereenkomst: 'Logopedie',
    Inkoopbeleid: 'Paramedische zorg 2028 (paramedisch-2028)',
    Niveau: 'A',
    Looptijd: '2028 t/m 2029',
    Ingangsdatum: 'zaterdag 1 januari 2028',
    'Datum aanbod': 'vrijdag 29 oktober 2027',
    'Uiterste tekendatum': 'maandag 8 november 2027',
  });
  expect(doc.locations).toEqual(['De Spreekkamer Centrum, Utrecht (AGB 05012345)', 'De Spreekkamer Oost, Zeist (AGB 05012346)']);
  // The fysiotherapie-only clauses are not a logopedie contract's.
  expect(doc.clauses.map((c) => c.id)).toEqual(['voorwaarden', 'looptijd', 'ondertekening', 'zorgzoeker', 'ingangsdatum', 'niet-ondertekend', 'wijziging-beleid']);
  expect(doc.clauses[2]!.source).toBe('Bron: inkoopbeleid 001, paragraaf 2.6 Contractaanbod: "Na digitale ondertekening van de zorgovereenkomst zijn onze afspraken volledig afgewikkeld"');
  expect(doc.changes).toEqual({ heading: 'Wat is er veranderd sinds Paramedische zorg 2027', paragraphs: ['Gewijzigd: artikel 4, Publicatie in de zorgzoeker.', 'Gewijzigd: artikel 5, Geen terugwerkende kracht.'] });
});

test('001 s2.6: a running fysiotherapie contract\'s new tariff annex is a document with the annex and the tariff clause', () => {
  const doc = contractDocument({ ...offer, kind: 'tariff-annex', reference: 'x/tariff-annex', contractKind: 'fysiotherapie', edition: edition('paramedisch-2027'), previous: undefined, tier: 'D', term: { fromYear: 2026, toYear: 2027 }, signingDeadline: undefined });
  expect(doc.title).toBe('Tariefbijlage Fysiotherapie');
  expect(doc.sections).toEqual([{ heading: 'Tariefbijlage 2027', paragraphs: [expect.stringContaining('de tarieven 2027')] }]);
  expect(doc.clauses.map((c) => c.id)).toContain('tariefbijlage');
  expect(doc.changes).toBeUndefined();
});

test('page one as PNG, kept with the test results for a look by eye', async () => {
  const { bytes } = await renderContractPdf(contractDocument(offer));
  mkdirSync(resultsDir, { recursive: true });
  const pdf = join(resultsDir, 'offer.pdf');
  writeFileSync(pdf, bytes);
  const tool = process.env.ZORGINKOOP_PDFTOPPM ?? 'pdftoppm';
  const pdftoppm = spawnSync(tool, ['-v'], { encoding: 'utf8' });
  if (pdftoppm.error) {
    console.log(`contract-pdf: no PNG of page one: pdftoppm (poppler-utils) is not installed here (${pdftoppm.error.message}); the PDF is kept at ${pdf}`);
    return;
  }
  execFileSync(tool, ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(resultsDir, 'offer-page-1')]);
  // A PNG (its signature), A4 upright at 80 dpi: about 661 by 935 pixels (IHDR's width and height).
  const png = readFileSync(join(resultsDir, 'offer-page-1.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect([Math.round(png.readUInt32BE(16) / 10), Math.round(png.readUInt32BE(20) / 10)]).toEqual([66, 94]);
});
