/**
 * "What changed since last year" (issue 24, part 2): `policy diff` compares the contract templates'
 * clauses by id: added, removed, changed. Paramedische zorg 2027 (001) against the 2028 draft made
 * from it, and a copy of the draft with a clause taken out and one put in.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clauseChanges, previousEdition } from '../../policies/contract-changes';
import { edition } from '../helpers/editions';
import { runCli } from '../helpers/cli';

const editions = join(__dirname, '..', '..', 'editions');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-diff-clauses-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = () => ({ TEMPORAL_ADDRESS: '127.0.0.1:1', ZORGINKOOP_DATA_DIR: join(dir, 'data') });

test('001 s2.6/s2.7: policy diff paramedisch-2027 paramedisch-2028 names the clauses whose words moved a year', async () => {
  const result = await runCli(['policy', 'diff', 'paramedisch-2027', 'paramedisch-2028'], env());
  expect(result.code).toBe(0);
  const clauses = result.out.split('\n').filter((l) => l.includes('contract clause'));
  expect(clauses.map((l) => l.trim().split(':')[0])).toEqual(['contract clause tariefbijlage', 'contract clause zorgzoeker', 'contract clause ingangsdatum']);
  expect(result.out).toContain("contract clause zorgzoeker: 'Na ondertekening wordt u vanaf 12 november 2026 in de zorgzoeker");
  expect(result.out).toContain("-> 'Na ondertekening wordt u vanaf 12 november 2027 in de zorgzoeker");
});

test('a clause taken out and one put in are named as removed and added', async () => {
  const text = readFileSync(join(editions, 'paramedisch-2028.yaml'), 'utf8');
  const [head, clauses] = text.split('\n  clauses:\n');
  const items = clauses!.split(/\n(?= {4}- id: )/);
  const without = items.filter((c) => !c.startsWith('    - id: wijziging-beleid'));
  const added = '    - id: bereikbaarheid\n      title: "Bereikbaarheid"\n      text: "De praktijk is op werkdagen van 09.00 tot 17.00 uur telefonisch bereikbaar."\n      source: {section: "2.4.1 Voorwaarden basis zorgovereenkomst", quote: "telefonisch bereikbaar"}';
  const file = join(dir, 'paramedisch-2028.yaml');
  writeFileSync(file, `${head}\n  clauses:\n${[...without, added].join('\n')}\n`);
  const result = await runCli(['policy', 'diff', 'paramedisch-2028', file], env());
  expect(result.code).toBe(0);
  expect(result.out).toContain("contract clause added: bereikbaarheid 'Bereikbaarheid': De praktijk is op werkdagen van 09.00 tot 17.00 uur telefonisch bereikbaar.");
  expect(result.out).toContain("contract clause removed: wijziging-beleid 'Wijziging van het inkoopbeleid'");
  expect(result.out.match(/contract clause/g)).toHaveLength(2);
});

test('the previous edition of a care type is the one of the year before; a clause for another kind is no change of this kind', () => {
  const all = ['paramedisch-2027', 'paramedisch-2028', 'zg-2026', 'farmacie-2026'].map(edition);
  expect(previousEdition(all, edition('paramedisch-2028'))?.id).toBe('paramedisch-2027');
  expect(previousEdition(all, edition('paramedisch-2027'))).toBeUndefined();
  expect(previousEdition(all, edition('zg-2026'))).toBeUndefined();
  // The tariff annex clause is fysiotherapie's: a logopedie offer does not list it as changed.
  expect(clauseChanges(edition('paramedisch-2027').contract, edition('paramedisch-2028').contract, 'logopedie').changed.map((c) => c.id)).toEqual(['zorgzoeker', 'ingangsdatum']);
  expect(clauseChanges(edition('paramedisch-2027').contract, edition('paramedisch-2028').contract, 'fysiotherapie').changed.map((c) => c.id)).toEqual(['tariefbijlage', 'zorgzoeker', 'ingangsdatum']);
});
