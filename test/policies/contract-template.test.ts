/**
 * The editions' contract templates (the clauses every offer's document carries): every clause
 * names the policy's words it rests on, and those words are in the seed text (the seed wins).
 * The seeds live outside the repository (ZORGINKOOP_SEEDS, default /work/shared/seeds); where they
 * are absent the quote check is skipped and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EditionStore } from '../../activities/edition-store';
import { rehearse } from '../../policies';
import { checkEditionData, unresolved } from '../../policies/edition';

const store = new EditionStore();
const editions = store.list().map((e) => store.get(e.id));
const seeds = process.env.ZORGINKOOP_SEEDS ?? '/work/shared/seeds';
const haveSeeds = existsSync(seeds);
if (!haveSeeds) console.log(`contract-template: the seed texts are not at ${seeds}: the quotes are not checked against them here`);

/** The seed's words with every run of white space as one space (the texts are wrapped PDF extracts). */
const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

test('all, s4/s5 and 001 s2.6/s2.7: every edition has a contract template: the term, signing, quality conditions, publication in the zorgzoeker, not signing', () => {
  expect(editions.map((e) => e.id).sort()).toEqual(['farmacie-2026', 'geboortezorg-2026', 'hulpmiddelen-2026', 'paramedisch-2027', 'paramedisch-2028', 'zg-2026']);
  for (const e of editions) {
    const ids = e.contract!.clauses.map((c) => c.id);
    expect([e.id, ['voorwaarden', 'ondertekening', 'zorgzoeker', 'niet-ondertekend', 'wijziging-beleid'].filter((id) => !ids.includes(id))]).toEqual([e.id, []]);
    expect(ids.some((id) => id === 'looptijd')).toBe(true);
  }
});

test('001 s2.6 and 004 s4: a tariff annex clause where the edition has a running contract with a new tariff annex', () => {
  for (const e of editions) {
    const annexKinds = e.contractKinds.filter((k) => k.tariffAnnex).map((k) => k.id);
    const clause = e.contract!.clauses.find((c) => c.id === 'tariefbijlage');
    if (annexKinds.length === 0) expect(clause).toBeUndefined();
    else expect(clause?.kinds?.sort()).toEqual(annexKinds.sort());
  }
});

(haveSeeds ? test : test.skip)('the seed text wins: every clause quotes words that are in its seed file', () => {
  const missing: string[] = [];
  for (const e of editions) {
    const seed = normal(readFileSync(join(seeds, e.seedFile), 'utf8'));
    // A draft made from an earlier year's text (`policy draft --from`) quotes it one year on.
    const base = editions.find((b) => b.seedFile === e.seedFile && b.status === 'published');
    const years = base ? e.contractYear - base.contractYear : 0;
    for (const c of e.contract!.clauses) {
      const quote = normal(c.source.quote).replace(/\b(20\d\d)\b/g, (y) => String(Number(y) - years));
      if (!seed.includes(quote)) missing.push(`${e.id} ${c.id}: '${c.source.quote}'`);
      expect(c.source.file).toBe(e.seedFile);
    }
  }
  expect(missing).toEqual([]);
});

test('a clause defined twice, or for a kind the edition does not have, is refused with its place', () => {
  const e = store.get('zg-2026');
  const data = structuredClone(unresolved(e)) as { contract: { clauses: { id: string; kinds?: string[] }[] } };
  data.contract.clauses.push({ ...data.contract.clauses[0]! }, { ...data.contract.clauses[1]!, id: 'extra', kinds: ['fysiotherapie'] });
  const { issues } = checkEditionData(data);
  expect(issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
    `contract.clauses.${e.contract!.clauses.length}.id: clause 'voorwaarden' is defined twice`,
    `contract.clauses.${e.contract!.clauses.length + 1}.kinds.0: unknown contract kind 'fysiotherapie' (known: zg)`,
  ]);
});

test('a rehearsal moves the years in the clauses\' words, not in the policy\'s words they quote', () => {
  const moved = rehearse(store.get('paramedisch-2027'), 2057);
  const annex = moved.contract!.clauses.find((c) => c.id === 'tariefbijlage')!;
  expect(annex.text).toContain('tarieven 2057');
  expect(annex.source.quote).toContain('tarieven 2027');
});

test('000 s5 "Vragen over zorginkoop": the document names the address the edition publishes (contact.email), not one written in code', () => {
  const { contractDocument } = jest.requireActual('../../policies/contract-document') as typeof import('../../policies/contract-document');
  const base = { kind: 'offer' as const, reference: 'r', provider: { agbCode: '01000001', name: 'P', locations: [] }, contractKind: 'zg', issuedOn: '2026-10-01' };
  const edition = { id: 'x', title: 'X', contractYear: 2027, insurer: 'Caresq', contractKinds: [{ id: 'zg', name: 'ZG', tariffAnnex: false }] };
  type Input = Parameters<typeof contractDocument>[0];
  const text = (e: Input['edition']) => JSON.stringify(contractDocument({ ...base, edition: e }));
  expect(text({ ...edition, contact: { email: 'inkoop@verzekeraar.example' } })).toContain('Vragen over zorginkoop: inkoop@verzekeraar.example.');
  expect(text(edition)).not.toContain('caresq');
});
