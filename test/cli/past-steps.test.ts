/**
 * `campaign start` (and `--dry-run`) warns per plan step whose day has passed: a track started
 * after its questionnaire deadline would otherwise expire the minute it is sent, silently.
 */
import { join } from 'node:path';
import { EditionStore } from '../../activities/edition-store';
import { main } from '../../cli';
import { pastSteps, pastStepWarnings } from '../../operations/past-steps';
import { earliestDay, latestDay } from '../../policies/plan-date';
import { wordsFor } from '../../words';

const editions = new EditionStore();

test('the steps of paramedisch 2027 whose day lies before 1 October 2026, with their days', () => {
  const edition = editions.get('paramedisch-2027');
  const past = pastSteps(edition, '2026-10-01');
  expect(past.map((p) => `${p.step} ${p.day}`)).toEqual(['offer 2026-09-30', 'questionnaire-open 2026-09-30']);
  expect(pastSteps(edition, '2026-09-30')).toEqual([]);
  const warnings = pastStepWarnings(edition, '2026-10-22');
  expect(warnings).toContain(
    'warning: questionnaire deadline [questionnaire; logopedie, oefentherapie]: woensdag 21 oktober 2026 has passed (today is donderdag 22 oktober 2026); tracks started now meet it at once; ' +
      'to give providers time, move it after the start: zorginkoop deadline move questionnaire-deadline --policy paramedisch-2027 --all --to YYYY-MM-DD --reason "..." --by NAME',
  );
  expect(warnings).toHaveLength(3);
});

test("a past step as staff read it, in Dutch: its name, its kinds and the policy's words (001_c09c8bb5b9df1701.txt, 2.7 Planning)", () => {
  const past = pastSteps(editions.get('paramedisch-2027'), '2026-10-22');
  expect(past.map((p) => p.text)).toEqual([
    'aanbod in VECOZO (dietetiek, ergotherapie, huidtherapie, gli, valpreventie, instellingen), Uiterlijk 30 september 2026',
    'vragenlijst in VECOZO (logopedie, oefentherapie), Uiterlijk 30 september 2026',
    'uiterste datum van de vragenlijst (logopedie, oefentherapie), 21 oktober 2026',
  ]);
  // Every step an edition can have has a Dutch name.
  for (const edition of editions.list()) for (const s of edition.calendar) expect(wordsFor('nl').steps[s.step]).toMatch(/^[a-z]/);
});

test('campaign start --dry-run prints a warning per past step of ZG 2026 on stderr, the decisions on stdout', async () => {
  let out = '';
  let err = '';
  const code = await main(['campaign', 'start', 'zg-2026', '--providers', join(__dirname, '..', '..', 'data', 'demo', 'zg-2026-providers.json'), '--dry-run'], { ZORGINKOOP_DATABASE_URL: 'postgres://zorginkoop@127.0.0.1:1/zorginkoop' }, {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  expect(code).toBe(0);
  const warnings = err.split('\n').filter((l) => l.includes('has passed'));
  const dated = editions.get('zg-2026').calendar.filter((s) => latestDay(s.date) ?? earliestDay(s.date));
  expect(warnings).toHaveLength(dated.length);
  expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^warning: invitation to the individual purchase conversation \[negotiation\/application\]: maandag 15 september 2025 has passed \(today is \w+ \d+ \w+ \d{4}\); tracks started now meet it at once$/)]));
  expect(out).not.toContain('has passed');
});
