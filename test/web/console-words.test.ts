/**
 * What a Dutch reader sees, without a browser and without Temporal (a stand-in client answers the
 * console's visibility counts and a track's status query): the provider page says the track, the
 * signing rule and every reason in Dutch; the season overview opens on the edition whose campaign
 * runs (the most open tracks), then on the one this person looked at last.
 */
import type { Client } from '@temporalio/client';
import { evaluate } from '../../policies';
import { formatDay } from '../../policies/calendar';
import { ProviderSchema } from '../../policies/provider';
import { seasonEdition } from '../../web/console/season';
import type { ProviderStatusView } from '../../workflows/messages';
import { edition } from '../helpers/editions';
import { call, signIn, startConsole, type TestConsole } from './console-http';

/** Open tracks per edition, as visibility would count them. */
const open: Record<string, number> = {};
let view: ProviderStatusView;

/** The few calls the console makes of a Temporal client on these pages. */
const client = {
  workflow: {
    count: async (query: string) => {
      const policy = /ZorgPolicy = '([^']+)'/.exec(query)?.[1] ?? '';
      return { count: query.includes("ExecutionStatus = 'Running'") && !query.includes('ZorgNextDeadline') ? (open[policy] ?? 0) : 0 };
    },
    list: async function* () {},
    getHandle: () => ({ query: async () => view, describe: async () => ({ status: { name: 'RUNNING' } }) }),
  },
} as unknown as Client;

let c: TestConsole;
beforeAll(async () => {
  // Every request reads visibility again (the open tracks change between requests here).
  c = await startConsole('console_words', { client, overviewFreshness: { freshMs: 0, staleMs: 0 } });
});
afterAll(async () => c?.close());

const [decision] = evaluate(
  edition('zg-2026'),
  ProviderSchema.parse({
    agbCode: '01234567',
    name: 'Koninklijke Visio',
    locations: [{ agbCode: '01234567', name: 'Visio Het Loo Erf', city: 'Apeldoorn' }],
    vektisRegistered: true,
    vecozoCertificate: true,
    contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }],
  }),
);

test('the Dutch provider page: the track, the signing rule and every reason in Dutch, the English only for engineers', async () => {
  view = {
    policyId: 'zg-2026',
    agbCode: '01234567',
    providerName: 'Koninklijke Visio',
    status: 'IN_CONVERSATION',
    statusText: 'invited to the purchase conversation; waiting for its outcome',
    accepts: ['outcome', 'withdraw'],
    track: decision!.track,
    contractKind: 'zg',
    planned: { invitationBy: '2025-09-15', signingRule: 'sign within 4 weeks of the offer', signing: { kind: 'weeks-after-offer', weeks: 4 } },
    nextDeadline: { event: 'QUESTIONNAIRE_DEADLINE_PASSED', day: '2025-10-01', at: '2025-09-30T22:00:00.000Z' },
    moved: {},
    amendments: [],
    questions: [
      { number: 1, subject: 'AGB 01234567 ZG: wanneer is het gesprek?', receivedOn: '2025-09-02', answered: { at: '2025-09-03T09:00:00.000Z', by: 'inkoper', answer: 'Volgende week.' } },
      { number: 2, subject: 'AGB 01234567 ZG: en de tarieven?', receivedOn: '2025-09-04', overdue: '2025-09-12T00:00:00.000Z' },
    ],
    reasons: decision!.reasons,
    history: [{ at: '2025-09-01T08:00:00.000Z', event: 'EVALUATED', text: 'track negotiation' }],
  };
  const { cookie } = await signIn(c.base, 'viewer');
  const page = await call(c.base, { url: `/aanbieder/${encodeURIComponent('contracting/zg-2026/01234567')}`, headers: { cookie } });
  expect(page.status).toBe(200);
  const body = page.body;
  expect(body).toContain('<dd data-track="negotiation">inkoopgesprek</dd>');
  expect(body).toContain('<dd data-planned="signingRule">binnen 4 weken na het aanbod ondertekenen</dd>');
  expect(body).not.toContain('sign within');
  for (const r of decision!.reasons) {
    expect(body).toContain(`<span data-rule-text="nl">${r.nl!.replace(/'/g, '&#39;')}</span>`);
    expect(body).not.toContain(r.text);
  }
  expect(body).toContain(formatDay('2025-09-15'));
  expect(body).toContain(`${formatDay('2025-10-01')}: Termijn van de vragenlijst verstreken`);
  expect(body).toContain('uitgenodigd voor het inkoopgesprek; wacht op de uitkomst');
  // The provider's questions, numbered as the answer form names them, answered or past the target.
  expect(body).toContain('Vragen van de zorgaanbieder');
  expect(body).toContain('Volgende week. (inkoper)');
  expect(body).toContain('nog niet beantwoord · over de termijn');

  // English for a reader who chose it: the same page in English words.
  await call(c.base, { url: '/taal/en?terug=/seizoen', headers: { cookie } });
  const english = (await call(c.base, { url: `/aanbieder/${encodeURIComponent('contracting/zg-2026/01234567')}`, headers: { cookie } })).body;
  expect(english).toContain('<dd data-track="negotiation">purchase conversation</dd>');
  expect(english).toContain('sign within 4 weeks of the offer');
  expect(english).toContain('registered at Vektis');
});

test('the season overview opens on the edition whose campaign runs, then on the one this person looked at last', async () => {
  const opens = async (cookie: string, url = '/seizoen') => /href="\/werklijsten\?beleid=([^&"]+)/.exec((await call(c.base, { url, headers: { cookie } })).body)?.[1];
  // No track open anywhere: the newest published edition, as before.
  const first = await signIn(c.base, 'viewer');
  const published = await opens(first.cookie);
  expect(published).toBeDefined();
  // The demo's campaign runs under ZG 2026: a new session opens there, not on an empty season.
  open['zg-2026'] = 12;
  open['farmacie-2026'] = 3;
  const { cookie } = await signIn(c.base, 'viewer');
  expect(await opens(cookie)).toBe('zg-2026');
  // Looked at farmacie: the overview opens there next time, however many tracks ZG has.
  expect(await opens(cookie, '/seizoen?beleid=farmacie-2026')).toBe('farmacie-2026');
  expect(await opens(cookie)).toBe('farmacie-2026');
  expect(await opens(cookie, '/werklijsten?beleid=paramedisch-2027&lijst=assessments')).toBe('paramedisch-2027');
  expect(await opens(cookie)).toBe('paramedisch-2027');
});

test('the edition with the most open tracks, the newest on a tie; none when nothing is open', () => {
  const list = [{ id: 'paramedisch-2028' }, { id: 'paramedisch-2027' }, { id: 'zg-2026' }];
  expect(seasonEdition(list, { 'zg-2026': 5, 'paramedisch-2027': 2 })).toBe('zg-2026');
  expect(seasonEdition(list, { 'zg-2026': 2, 'paramedisch-2027': 2 })).toBe('paramedisch-2027');
  expect(seasonEdition(list, {})).toBeUndefined();
});
