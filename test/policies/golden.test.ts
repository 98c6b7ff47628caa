/**
 * The golden file of decisions (test/policies/golden/decisions.json): every provider in data/ and
 * every provider the tests evaluated, with the decisions the code gave before policy editions
 * became data. Today's code must give the same decisions, field by field, reasons included; a
 * field a decision has gained is new, not a difference. The differences the editions issue asked
 * for are listed, each with why, in `expected-differences.json`: a difference not listed fails, and
 * so does a listed one that is gone. Made in commit a16e389 by `scripts/golden-decisions.ts` from a
 * capture of the tests' evaluations (`scripts/golden-capture.setup.ts`), both removed with the
 * policy modules they read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, rehearse } from '../../policies';
import type { Decision, Reason } from '../../policies/decision';
import type { Provider } from '../../policies/provider';
import { edition } from '../helpers/editions';

interface GoldenCase {
  policyId: string;
  base: string;
  contractYear: number;
  provider: Provider;
  decisions: Decision[];
}

const golden = JSON.parse(readFileSync(join(__dirname, 'golden', 'decisions.json'), 'utf8')) as GoldenCase[];
const expected = JSON.parse(readFileSync(join(__dirname, 'golden', 'expected-differences.json'), 'utf8')) as { difference: string; why: string }[];

const editionOf = (base: string, year: number) => (year === edition(base).contractYear ? edition(base) : rehearse(edition(base), year));

/** The decision as the golden file knows it: only the fields it had. */
function asBefore<T>(now: unknown, before: T): unknown {
  if (Array.isArray(before) && Array.isArray(now)) return now.map((x, i) => asBefore(x, before[i]));
  if (before && typeof before === 'object' && now && typeof now === 'object' && !Array.isArray(before)) {
    return Object.fromEntries(Object.keys(before).map((k) => [k, asBefore((now as Record<string, unknown>)[k], (before as Record<string, unknown>)[k])]));
  }
  return now;
}

const reasonKey = (r: Reason) => `${r.ruleId}${r.met ? '' : '(unmet)'}`;

/** What differs in one case, one line a decision: `policy agb kind: track a -> b; reasons +x -y ~z`. */
function differences(c: GoldenCase, now: Decision[]): string[] {
  const out: string[] = [];
  const kinds = new Set([...c.decisions.map((d) => d.contractKind), ...now.map((d) => d.contractKind)]);
  for (const kind of kinds) {
    const before = c.decisions.find((d) => d.contractKind === kind);
    const after = now.find((d) => d.contractKind === kind);
    const at = `${c.policyId} ${c.provider.agbCode} ${kind}`;
    if (!before || !after) {
      out.push(`${at}: ${before ? 'no longer decided' : 'newly decided'}`);
      continue;
    }
    const seen = asBefore(after, before) as Decision;
    if (JSON.stringify(seen) === JSON.stringify(before)) continue;
    const parts: string[] = [];
    for (const field of Object.keys(before) as (keyof Decision)[]) {
      if (field === 'reasons' || JSON.stringify(seen[field]) === JSON.stringify(before[field])) continue;
      // A track's plan follows its track: named, not printed.
      parts.push(field === 'plan' ? 'plan' : `${field} ${JSON.stringify(before[field]) ?? '-'} -> ${JSON.stringify(seen[field]) ?? '-'}`);
    }
    const was = new Map(before.reasons.map((r) => [reasonKey(r), JSON.stringify(r)]));
    // A reason's field it has gained (its Dutch text) is new, not a difference, as for the decision's own fields.
    const beforeReason = new Map(before.reasons.map((r) => [reasonKey(r), r]));
    const is = new Map(after.reasons.map((r) => [reasonKey(r), JSON.stringify(asBefore(r, beforeReason.get(reasonKey(r)) ?? r))]));
    const added = [...is.keys()].filter((k) => !was.has(k));
    const removed = [...was.keys()].filter((k) => !is.has(k));
    const changed = [...is.keys()].filter((k) => was.has(k) && was.get(k) !== is.get(k));
    if (added.length || removed.length || changed.length) parts.push(`reasons${added.map((k) => ` +${k}`).join('')}${removed.map((k) => ` -${k}`).join('')}${changed.map((k) => ` ~${k}`).join('')}`);
    out.push(`${at}: ${parts.join('; ')}`);
  }
  return out;
}

test('the golden file covers every policy and its rehearsals', () => {
  expect(golden.length).toBeGreaterThan(500);
  expect(new Set(golden.map((g) => g.base))).toEqual(new Set(['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026']));
});

test.each(['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026'])('%s and its rehearsals decide as in the golden file, field by field, but for the differences asked for', (base) => {
  // The same difference of several cases (variants of one provider in the tests) is listed once.
  const found = [...new Set(golden.filter((g) => g.base === base).flatMap((c) => differences(c, evaluate(editionOf(c.base, c.contractYear), c.provider))))];
  const listed = expected.filter((e) => e.difference.startsWith(base)).map((e) => e.difference);
  expect(found.sort()).toEqual(listed.sort());
});
