/**
 * The providers' questions read from the audit log (activities/questions.ts): each QUESTION_ASKED
 * row is a question, numbered per track in order; a QUESTION_ANSWERED row answers the question its
 * `details.question` names. The reachability figure over them (operations/questions.ts) and its
 * export, `zorginkoop questions export` (CSV for Dutch Excel, or JSON).
 *
 * ZG 2026: a question of Thursday 7 May 2026 is due Friday 15 May (Ascension Day, 14 May, does not
 * count; every policy s5: "binnen 5 werkdagen").
 */
import { AuditLog } from '../../activities/audit';
import { editionQuestions } from '../../activities/questions';
import type { Database } from '../../db/database';
import { main } from '../../cli';
import { reachabilityOf } from '../../operations/questions';
import { edition } from '../helpers/editions';
import { databaseEnv, testDatabase } from '../helpers/database';

let database: Database;
const A = 'contracting/zg-2026/01000001';
const B = 'contracting/zg-2026/01000002';

beforeAll(async () => {
  database = await testDatabase('questions');
  const audit = new AuditLog(database);
  let step = 0;
  const entry = async (workflowId: string, action: string, at: string, details: Record<string, unknown>, policyId = 'zg-2026') =>
    audit.record({ idempotencyKey: `${workflowId}/audit/${++step}/${action}`, at, actor: 'inkoper', action, workflowId, policyId, agbCode: workflowId.split('/')[2]!, details });
  await entry(A, 'QUESTION_ASKED', '2026-05-07T08:00:00.000Z', { subject: 'Wanneer is het gesprek?', receivedOn: '2026-05-07' });
  await entry(B, 'QUESTION_ASKED', '2026-05-07T09:00:00.000Z', { subject: 'Tarief 2027?', receivedOn: '2026-05-06' });
  // Other commands and other editions are not questions.
  await entry(A, 'CONVERSATION_RECORDED', '2026-05-08T08:00:00.000Z', { outcome: 'positive' });
  await entry('contracting/paramedisch-2027/04000001/fysiotherapie', 'QUESTION_ASKED', '2026-05-08T08:00:00.000Z', { subject: 'x', receivedOn: '2026-05-08' }, 'paramedisch-2027');
  await entry(A, 'QUESTION_ASKED', '2026-05-11T08:00:00.000Z', { subject: 'Nog een vraag', receivedOn: '2026-05-11' });
  // A's first on its due day, 23:00 Amsterdam time: in time. B's (of Wednesday 6 May, due Wednesday 13 May) on 18 May: late.
  await entry(A, 'QUESTION_ANSWERED', '2026-05-15T21:00:00.000Z', { question: 1, answer: 'Volgende week.' });
  await entry(B, 'QUESTION_ANSWERED', '2026-05-18T08:00:00.000Z', { question: 1, answer: 'Zie de bijlage.' });
});
afterAll(() => database?.close());

test("each track's questions numbered in order, with their answer's instant; other editions' and other commands' rows left out", async () => {
  const questions = await editionQuestions(database, 'zg-2026');
  expect(questions.map((q) => [q.workflowId, q.number, q.subject, q.receivedOn, q.answeredAt ?? null])).toEqual([
    [B, 1, 'Tarief 2027?', '2026-05-06', '2026-05-18T08:00:00.000Z'],
    [A, 1, 'Wanneer is het gesprek?', '2026-05-07', '2026-05-15T21:00:00.000Z'],
    [A, 2, 'Nog een vraag', '2026-05-11', null],
  ]);
});

test('the figure on 20 May 2026: one in time on its due day, one late, one open past its due day (Monday 11 May + 5 working days, Ascension Day skipped: Tuesday 19 May)', async () => {
  const figure = await reachabilityOf(database, edition('zg-2026'), '2026-05-20');
  expect(figure.weeks).toEqual([
    { week: '2026-05-04', received: 2, inTime: 1, late: 1, overdue: 0, notYetDue: 0, share: 0.5 },
    { week: '2026-05-11', received: 1, inTime: 0, late: 0, overdue: 1, notYetDue: 0, share: 0 },
  ]);
  // On 18 May, the open one is still within its target: not yet due, and not counted in the share.
  expect((await reachabilityOf(database, edition('zg-2026'), '2026-05-18')).total).toEqual({ received: 3, inTime: 1, late: 1, overdue: 0, notYetDue: 1, share: 0.5 });
});

test('`zorginkoop questions export` writes the figure as CSV for Dutch Excel (the total last), or JSON', async () => {
  let out = '';
  const env = databaseEnv(database);
  expect(await main(['questions', 'export', 'zg-2026', '--on', '2026-05-20'], env, { out: (t) => (out += t), err: () => {} })).toBe(0);
  expect(out.split('\n')).toEqual([
    '\uFEFFWeek van;Ontvangen;Op tijd beantwoord;Te laat beantwoord;Open, termijn verstreken;Open, nog binnen de termijn;Aandeel op tijd',
    '2026-05-04;2;1;1;0;0;0,500',
    '2026-05-11;1;0;0;1;0;0,000',
    'totaal;3;1;1;1;0;0,333',
    '',
  ]);
  let json = '';
  expect(await main(['questions', 'export', 'zg-2026', '--on', '2026-05-20', '--format', 'json'], env, { out: (t) => (json += t), err: () => {} })).toBe(0);
  expect(JSON.parse(json)).toMatchObject({ policyId: 'zg-2026', today: '2026-05-20', target: { workingDays: 5 }, total: { received: 3, share: 1 / 3 } });
});
