/**
 * Replays the committed histories of every track with today's workflow code, including runs that
 * started before `patched('tracks-v2')`. A change that would break a running provider's workflow
 * (a reordered activity, a new timer) fails here; such changes go behind `patched()`. Record new
 * histories with `npm run record-histories` (the v1-* files are kept as they are).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundlerOptions } from '../../runtime/workflow-bundle';

const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('there are committed histories of every track, and of runs started before the tracks-v2 patch', () => {
  const names = files.map((f) => f.replace(/\.json$/, ''));
  const expected = [
    // Started before patched('tracks-v2'): ZG as it first ran (ends at publication, no reminders).
    'v1-zg-2026-negative-conversation',
    'v1-zg-2026-not-approached',
    'v1-zg-2026-not-signed-in-time',
    'v1-zg-2026-refused',
    'v1-zg-2026-running-contract',
    'v1-zg-2026-signed-on-deadline-day-across-dst',
    'v1-zg-2026-signed-published',
    // Every track today.
    'zg-2026-signed-published', // negotiation
    'zg-2026-negative-conversation',
    'zg-2026-not-signed-in-time',
    'zg-2026-refused',
    'zg-2026-running-contract', // running contract
    'zg-2026-not-approached',
    'zg-2026-signed-on-deadline-day-across-dst',
    'geboortezorg-2026-questionnaire-signed', // questionnaire, escalation, assessment
    'geboortezorg-2026-questionnaire-expired', // reminders
    'geboortezorg-2026-follow-documents', // follow, documents
    'hulpmiddelen-2026-direct-offer-published-withdrawn', // direct offer, new product, withdrawal after publication
    'hulpmiddelen-2026-deadline-moved-expired', // deadline move
    'paramedisch-2027-behandelindex-exception', // exception
    'paramedisch-2027-late-application', // application
    'paramedisch-2027-running-corrected-evidence', // tariff annex, corrected evidence
    'paramedisch-2027-withdrawn', // withdrawal
    'campaign-zg-2026-last-run', // the campaign's fan-out, after continue-as-new, from before patched('campaign-pages-read-by-activity')
    'campaign-zg-2026-pages-by-activity', // the campaign's fan-out today: one activity reads and starts each page
    'v1-campaign-zg-2026-child-starts', // a campaign from before patched('campaign-starts-in-activities')
    // After the fault probe (SENDING, deadlines in bounds, events in time order, offers closed at the year end).
    'zg-2026-portal-refused-needs-attention', // a business refusal: NEEDS_ATTENTION
    'zg-2026-year-ended-offer-open', // the contract year ends with an offer open: the offer is closed
    'geboortezorg-2026-questionnaire-deadline-moved', // a questionnaire deadline moved
    'hulpmiddelen-2026-offer-moved', // an offer date moved
    // After patched('contract-register'): a signature is a contract in the register, a withdrawal its amendment.
    'zg-2026-signed-contract-registered',
    'zg-2026-signed-withdrawn-amendment',
    // After patched('deadline-move-announced'): a moved deadline is told to the provider (portal and e-mail).
    'zg-2026-deadline-moved-announced',
    // After patched('audit-trail'): every update a person made is in the audit log.
    'zg-2026-withdrawn-audited',
    // Before patched('question-answer-email') (recorded at 222085c): a question answered, no e-mail sent for it.
    'zg-2026-question-answered-before-answer-email',
    // After patched('decision-from-campaign'): started by a campaign with its decision, no evaluation of its own.
    'zg-2026-decision-from-campaign',
  ];
  expect(names.sort()).toEqual([...expected].sort());
});

test('every committed history replays with the current workflow code', async () => {
  const histories = files.map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('../../workflows'), bundlerOptions: workflowBundlerOptions(join(__dirname, '..', '..')) }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
