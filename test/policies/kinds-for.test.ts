/**
 * A campaign's page asks the care type which contract kinds a provider has (`kindsFor`) and
 * starts a track for each; the track decides. That is right only where `kindsFor` names exactly
 * the kinds `evaluate` decides, in its order: checked for every seeded edition (and the golden
 * file's rehearsals) against every provider the golden file and the sample data hold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EditionStore } from '../../activities/edition-store';
import { evaluate, kindsFor, rehearse, trackKinds, type Edition } from '../../policies';
import { ProviderSchema, type Provider, type ProviderInput } from '../../policies/provider';

const golden = JSON.parse(readFileSync(join(__dirname, 'golden', 'decisions.json'), 'utf8')) as { base: string; contractYear: number; provider: Provider }[];
const samplesDir = join(__dirname, '..', '..', 'data', 'samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(readFileSync(join(samplesDir, f), 'utf8')) as ProviderInput[]).map((p) => ProviderSchema.parse(p)));
const providers = [...golden.map((g) => ProviderSchema.parse(g.provider)), ...samples];

const store = new EditionStore();
const seeded = store.list();
const rehearsals = [...new Set(golden.map((g) => `${g.base}@${g.contractYear}`))]
  .map((key) => key.split('@') as [string, string])
  .filter(([base, year]) => store.get(base).contractYear !== Number(year))
  .map(([base, year]) => rehearse(store.get(base), Number(year)));

test('the seeded editions, their rehearsals and the providers are all there', () => {
  expect(seeded.map((e) => e.careType).sort()).toEqual(['farmacie', 'geboortezorg', 'hulpmiddelen', 'paramedisch', 'paramedisch', 'zg']);
  expect(rehearsals.length).toBeGreaterThan(3);
  expect(providers.length).toBeGreaterThan(600);
});

test.each([...seeded, ...rehearsals].map((e): [string, Edition] => [e.id, e]))('%s: kindsFor names the kinds evaluate decides, in its order, for every provider', (_id, edition) => {
  let kinds = 0;
  const differ: string[] = [];
  for (const provider of providers) {
    const decided = evaluate(edition, provider).map((d) => d.contractKind);
    const named = kindsFor(edition, provider);
    kinds += decided.length;
    if (JSON.stringify(named) !== JSON.stringify(decided)) differ.push(`${provider.agbCode}: kindsFor ${named.join(',') || '-'}, evaluate ${decided.join(',') || '-'}`);
  }
  expect(differ).toEqual([]);
  expect(kinds).toBeGreaterThan(0);
});

test('trackKinds: a track per kind decided; one track without a kind where the edition has one kind', () => {
  for (const edition of seeded) {
    for (const provider of providers) {
      const expected = edition.contractKinds.length === 1 ? [undefined] : evaluate(edition, provider).map((d) => d.contractKind);
      expect(trackKinds(edition, provider)).toEqual(expected);
    }
  }
});
