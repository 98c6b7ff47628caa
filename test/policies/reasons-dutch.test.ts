/**
 * What staff read of a decision is Dutch: every reason (and every tier factor) of every decision
 * the golden file holds, for every care type and its rehearsals, carries its Dutch sentence beside
 * the English one. A reason written without one (or an edition text without its `...Nl`) fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, rehearse } from '../../policies';
import { formatDay } from '../../policies/calendar';
import type { Provider } from '../../policies/provider';
import { edition } from '../helpers/editions';

const golden = JSON.parse(readFileSync(join(__dirname, 'golden', 'decisions.json'), 'utf8')) as { base: string; contractYear: number; provider: Provider }[];
const editionOf = (base: string, year: number) => (year === edition(base).contractYear ? edition(base) : rehearse(edition(base), year));

test.each(['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026'])('every reason of %s and its rehearsals has its Dutch sentence', (base) => {
  const without = new Set<string>();
  let reasons = 0;
  for (const c of golden.filter((g) => g.base === base)) {
    for (const d of evaluate(editionOf(c.base, c.contractYear), c.provider)) {
      for (const r of [...d.reasons, ...(d.tier?.factors ?? [])]) {
        reasons++;
        if (!r.nl || r.nl === r.text) without.add(`${r.ruleId}: ${r.text}`);
      }
    }
  }
  expect(reasons).toBeGreaterThan(50);
  expect([...without]).toEqual([]);
});

test('the Dutch sentence names the facts as the English one does, days as the product writes them', () => {
  const provider = golden.find((g) => g.base === 'zg-2026')!.provider;
  const [kept] = evaluate(edition('zg-2026'), { ...provider, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }], vektisRegistered: true, vecozoCertificate: true });
  expect(kept!.reasons.map((r) => r.nl)).toEqual(['had in 2025 een ZG-contract (2025-2025)', 'geregistreerd bij Vektis', 'heeft een VECOZO-certificaat', expect.stringContaining('worden in het inkoopgesprek beoordeeld')]);
  const [applied] = evaluate(edition('zg-2026'), { ...provider, contracts: [], vektisRegistered: true, vecozoCertificate: true, application: { receivedOn: '2025-08-20', kinds: [] } });
  expect(applied!.reasons[0]!.text).toBe('no ZG contract in 2025; applied on 2025-08-20, by 2025-09-01: assessed, documents may be asked');
  expect(applied!.reasons[0]!.nl).toBe(`geen ZG-contract in 2025; aangemeld op ${formatDay('2025-08-20')}, uiterlijk ${formatDay('2025-09-01')}: wordt beoordeeld, documenten kunnen worden opgevraagd`);
  expect(formatDay('2025-08-20')).toBe('woensdag 20 augustus 2025');
});
