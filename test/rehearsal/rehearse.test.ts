/**
 * The season rehearsal (rehearsal/): the week-by-week counts of a small population against
 * counts worked out by hand from the edition's calendar, and the same inputs giving the same
 * report twice.
 *
 * Geboortezorg 2026 rehearsed for contract year 2056 (every date thirty years on; seed
 * 003_geboortezorg s5 Planning): the kraamzorg questionnaire opens "half mei" (15 May 2055, a
 * Saturday), closes 1 July 2055, offers go out "begin september" (1-10 September 2055), the
 * signing deadline is 7 November 2055 (a Sunday).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BehaviourSchema, DEFAULT_BEHAVIOUR } from '../../rehearsal/behaviour';
import { buildReport, questionsCsv, summaryText, weeksCsv } from '../../rehearsal/report';
import { rehearse, splitEvenly, type RehearsalRun, type RehearsalStatus } from '../../rehearsal/run';
import { ProviderSchema, rehearseProvider, type Provider, type ProviderInput } from '../../policies/provider';
import { rehearsal } from '../helpers/editions';
import { sampleProvider } from '../helpers/world';
import { testDatabase } from '../helpers/database';
import type { Database } from '../../db/database';

/** A rehearsal's (or one part's) own empty database: a schema of its own in jest's embedded database. */
const databases: Database[] = [];
const fresh = async () => {
  const database = await testDatabase('rehearsal');
  databases.push(database);
  return database;
};
afterAll(async () => {
  for (const d of databases) await d.close();
});

const edition = rehearsal('geboortezorg-2026', 2056);
const kraam = sampleProvider('geboortezorg-2026', '33012345', 30);
const kraamzorg = (agbCode: string): Provider => ProviderSchema.parse({ ...kraam, agbCode, name: `Kraamzorg ${agbCode}`, locations: kraam.locations.map((l) => ({ ...l, agbCode })) });

test('week by week, a small population counts as worked out by hand from the calendar (003_geboortezorg s5 Planning)', async () => {
  // Everyone answers, on fixed days: questionnaires 5 days after they arrive, assessments 3 days
  // after the submission (all positive), signatures 4 days after the offer.
  const behaviour = BehaviourSchema.parse({
    providers: { questionnaire: { submit: 1, afterDays: [5, 5] }, offer: { sign: 1, refuse: 0, afterDays: [4, 4] } },
    staff: { assessAfterDays: [3, 3], positive: 1, capacityPerWeek: 2 },
  });
  const providers = ['33100001', '33100002', '33100003'].map(kraamzorg);
  const run = await rehearse({ edition, providers, behaviour, database: fresh });
  const report = buildReport(run, edition);
  // The weeks with something in them (the report has every week between, for its charts).
  const weeks = Object.fromEntries(
    report.weeks
      .map((w) => [w.week, { ...Object.fromEntries(Object.entries(w.messages).filter(([, n]) => n)), ...Object.fromEntries(Object.entries(w).filter(([k, n]) => k !== 'week' && k !== 'messages' && n)) }] as const)
      .filter(([, counts]) => Object.keys(counts).length),
  );
  expect(report.weeks.map((w) => w.week)).toHaveLength(17); // 10 May to 30 August 2055: 17 weeks
  expect(weeks).toEqual({
    // Saturday 15 May 2055: the three questionnaires go out (week of Monday 10 May).
    '2055-05-10': { questionnaire: 3 },
    // Thursday 20 May (15 + 5): three submissions reach staff; assessed Sunday 23 May (same week).
    '2055-05-17': { assessments: 3 },
    // Wednesday 1 September (the window's first day): three offers; signed Sunday 5 September.
    '2055-08-30': { offer: 3, signatures: 3 },
  });
  expect(report.statuses).toEqual({ PUBLISHED: 3 });
  // The signing deadline on a Sunday, and the week with more work than the team's 2: both traps.
  expect(report.traps.map((t) => [t.kind, t.count])).toEqual([
    ['deadline-on-closed-day', 3],
    ['over-capacity', 3],
  ]);
  expect(report.traps[0]!.text).toBe('3 aanbod(en) met uiterste ondertekendatum zondag 7 november 2055 (zondag)');
  expect(report.atRisk).toEqual([]);
});

test('the same inputs give the same report: two runs of the sample file with the default behaviour', async () => {
  const samples = JSON.parse(readFileSync(resolve(__dirname, '../../data/samples/geboortezorg-2026-providers.json'), 'utf8')) as ProviderInput[];
  const providers = samples.map((p) => ProviderSchema.parse(rehearseProvider(p, 30)));
  const first = buildReport(await rehearse({ edition, providers, behaviour: DEFAULT_BEHAVIOUR, database: fresh }), edition);
  const second = buildReport(await rehearse({ edition, providers, behaviour: DEFAULT_BEHAVIOUR, database: fresh }), edition);
  expect(second).toEqual(first);
  expect(weeksCsv(second)).toBe(weeksCsv(first));
  // Not an empty report: the season happened, with providers at risk and why.
  expect(first.tracks).toBe(22);
  expect(first.weeks.length).toBeGreaterThan(5);
  expect(first.atRisk.length).toBeGreaterThan(0);
  for (const r of first.atRisk) expect(r.why).toMatch(/\S/);
  // The default behaviour's providers ask questions, and staff answer most.
  expect(first.questions!.total.received).toBeGreaterThan(0);
  expect(first.questions!.total.inTime).toBeGreaterThan(0);
  // Stopping only where something can happen gives the report of walking every day.
  const daily = buildReport(await rehearse({ edition, providers, behaviour: DEFAULT_BEHAVIOUR, everyDay: true, database: fresh }), edition);
  expect(daily).toEqual(first);
  // Another seed, other choices (the shares stay).
  const other = buildReport(await rehearse({ edition, providers, behaviour: { ...DEFAULT_BEHAVIOUR, seed: 2 }, database: fresh }), edition);
  expect(other.weeks).not.toEqual(first.weeks);
});

test('a population rehearsed in parts, each on a server of its own, gives the record of one run', async () => {
  const samples = JSON.parse(readFileSync(resolve(__dirname, '../../data/samples/geboortezorg-2026-providers.json'), 'utf8')) as ProviderInput[];
  const providers = samples.map((p) => ProviderSchema.parse(rehearseProvider(p, 30)));
  const whole = await rehearse({ edition, providers, behaviour: DEFAULT_BEHAVIOUR, database: fresh });
  const statuses: RehearsalStatus[] = [];
  const inParts = await rehearse({ edition, providers, behaviour: DEFAULT_BEHAVIOUR, database: fresh, partSize: 8, parallel: 2, onStatus: (s) => statuses.push(s) });
  // Everything that happened, in one order (only the wall times differ).
  const record = (run: RehearsalRun) => ({ ...run, wallSeconds: 0, fanOutSeconds: 0 });
  expect(record(inParts)).toEqual(record(whole));
  expect(buildReport(inParts, edition)).toEqual(buildReport(whole, edition));
  expect(whole.actions.length).toBeGreaterThan(0);
  // Three parts of six providers (18, at most 8 a part); the status says so, and counts every part's answers.
  expect(statuses.at(-1)).toMatchObject({ parts: 3, partsDone: 3, actions: whole.actions.length });
  expect(statuses.every((s) => s.parts === 3)).toBe(true);
});

test('every policy s5 "binnen 5 werkdagen": each provider asks a question on Thursday 20 May 2055; answered 8 days later, on Friday 28 May, it is in time (Ascension Day, 27 May, does not count), and the report counts it in its week', async () => {
  const behaviour = BehaviourSchema.parse({
    providers: { questionnaire: { submit: 0 }, questions: { ask: 1, count: [1, 1], afterDays: [139, 139] } },
    staff: { answer: 1, answerAfterDays: [8, 8] },
  });
  const providers = ['33100001', '33100002', '33100003'].map(kraamzorg);
  const run = await rehearse({ edition, providers, behaviour, database: fresh });
  // Recorded as the tracks' own commands: read back from the rehearsal's audit log.
  expect(run.questions).toEqual(providers.map((p) => ({ workflowId: `contracting/${edition.id}/${p.agbCode}/kraamzorg`, agbCode: p.agbCode, number: 1, receivedOn: '2055-05-20', answeredOn: '2055-05-28' })));
  const report = buildReport(run, edition);
  expect(report.questions).toEqual({
    weeks: [{ week: '2055-05-17', received: 3, inTime: 3, late: 0, overdue: 0, notYetDue: 0, share: 1 }],
    total: { received: 3, inTime: 3, late: 0, overdue: 0, notYetDue: 0, share: 1 },
  });
  expect(summaryText(report)).toContain('questions from providers: 3, answered in time 3, late 0, open past the target 0 (100% in time)');
  expect(questionsCsv(report)).toContain('2055-05-17;3;3;0;0;0;1,000');
});

test('the providers are split in order, the parts at most one apart in size', () => {
  expect(splitEvenly([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2], [3, 4, 5], [6, 7]]);
  expect(splitEvenly([1, 2], 1)).toEqual([[1, 2]]);
  expect(splitEvenly([], 1)).toEqual([[]]);
});
