/**
 * The staff commands that need no server: `plan <policy>` prints the season step by step, and
 * `evaluate <policy> <file>` explains every decision; both refuse bad input with a non-zero exit.
 * Runs over every registered policy and its sample file in data/samples/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli';
import { EditionStore } from '../../activities/edition-store';
import type { Decision } from '../../policies/decision';
import { earliestDay, latestDay } from '../../policies/plan-date';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {}, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const samples = (id: string) => join(__dirname, '..', '..', 'data', 'samples', `${id}-providers.json`);

const editions = new EditionStore();
const published = editions.list().filter((e) => e.status === 'published');

describe.each(published.map((e) => e.id))('%s', (id) => {
  const policy = editions.get(id);

  test('plan prints every step with its policy words and its dates with weekdays', async () => {
    const { code, out } = await cli('plan', id);
    expect(code).toBe(0);
    expect(out).toContain(`(${id}), contract year ${policy.contractYear}`);
    for (const step of policy.calendar) {
      expect(out).toContain(`"${step.when}"`);
      for (const day of [earliestDay(step.date), latestDay(step.date)]) if (day) expect(out).toMatch(new RegExp(`(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) ${Number(day.slice(8))} \\w+ ${day.slice(0, 4)}`));
    }
    const json = JSON.parse((await cli('--json', 'plan', id)).out) as unknown[];
    expect(json).toHaveLength(policy.calendar.length);
  });

  test('evaluate explains a decision for every provider of the sample file, covering every track the policy has', async () => {
    const file = samples(id);
    expect(existsSync(file)).toBe(true);
    const { code, out } = await cli('--json', 'evaluate', id, file);
    expect(code).toBe(0);
    const decisions = JSON.parse(out) as Decision[];
    expect(decisions.every((d) => d.reasons.length > 0 && d.reasons.every((r) => r.ruleId && r.source.file === policy.seedFile && r.source.section))).toBe(true);
    const tracks = new Set(decisions.map((d) => d.track));
    const declared = new Set(policy.contractKinds.flatMap((k) => k.tracks));
    expect([...declared].filter((t) => !tracks.has(t))).toEqual([]);
    const text = (await cli('evaluate', id, file)).out;
    expect(text).toMatch(/\d+ decision\(s\): /);
  });
});

test('plan and evaluate refuse an unknown policy and a bad file with exit code 2', async () => {
  expect(await cli('plan', 'zg-1999')).toMatchObject({ code: 2, err: expect.stringContaining("unknown policy edition 'zg-1999'; known: ") });
  const bad = await cli('evaluate', 'zg-2026', join(__dirname, '..', 'fixtures', 'providers-bad.csv'));
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('5 problems, nothing read');
  expect(bad.err).toContain("line 4 (AGB 01000003): vektisRegistered: 'misschien': expected yes or no");
});
