/**
 * Bad commands to a provider workflow are rejected with a clear reason and leave no trace:
 * a malformed update, an unknown outcome, and a command for a provider not waiting for it.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { providerWorkflowId } from '../../policies/ids';
import {
  recordConversationOutcomeUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  statusQuery,
} from '../../workflows/messages';
import { COMMANDS } from '../../workflows/catalogue';
import { providerContractingWorkflow } from '../../workflows/provider-contracting';
import { createWorld, type ProviderHandle, type World } from '../helpers/world';

const rehearsal = rehearsalOf('zg-2026', 2056);
const policy = rehearsal;
let world: World;
let portal: World['deps']['portal'];

beforeAll(async () => {
  world = await createWorld('provider-updates', [rehearsal]);
  portal = world.deps.portal;
});
afterAll(() => world?.close());

async function startInConversation(agbCode: string): Promise<ProviderHandle> {
  const handle = await world.start(rehearsal, {
    agbCode,
    name: `Provider ${agbCode}`,
    locations: [{ agbCode, name: 'Hoofdlocatie', city: 'Zwolle' }],
    vektisRegistered: true,
    vecozoCertificate: true,
    contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2055, toYear: 2055 }],
  });
  await world.settle(handle, (v) => v.history.some((h) => h.event === 'INVITATION_SENT'));
  return handle;
}

/**
 * The history's events other than workflow tasks. (The time-skipping server runs update
 * validators in ordinary workflow tasks where a real server uses speculative ones that vanish.)
 */
async function businessEvents(handle: WorkflowHandle): Promise<string[]> {
  const WORKFLOW_TASK_EVENTS = new Set([5, 6, 7, 8, 9]);
  return (await handle.fetchHistory()).events!.filter((e) => !WORKFLOW_TASK_EVENTS.has(Number(e.eventType))).map((e) => String(e.eventType));
}

/** The rejection's message, as the CLI shows it. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as Error).message;
}

test('an unknown conversation outcome is rejected, naming the field, and changes nothing', async () => {
  const handle = await startInConversation('02000001');
  const eventsBefore = await businessEvents(handle);
  const message = await rejection(
    handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'maybe' as 'positive', by: 'staff' }] }),
  );
  expect(message).toMatch(/^invalid command: outcome: /);
  expect(message).toContain('positive');
  const view = await handle.query(statusQuery);
  expect(view.status).toBe('IN_CONVERSATION');
  expect(view.history.map((h) => h.event)).toEqual(['EVALUATED', 'INVITATION_SENT']);
  expect(await businessEvents(handle)).toEqual(eventsBefore);
  expect((await portal.messages('02000001')).map((m) => m.kind)).toEqual(['invitation']);
});

test('a command without who records it, or with unknown fields, is rejected', async () => {
  const handle = await startInConversation('02000002');
  expect(await rejection(handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: '  ' }] }))).toMatch(/by: say who records this/);
  expect(
    await rejection(
      handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'staff', tier: 'A' } as never] }),
    ),
  ).toMatch(/tier/);
  expect((await handle.query(statusQuery)).status).toBe('IN_CONVERSATION');
});

test('a signature or refusal for a provider not waiting for one is rejected with its status', async () => {
  const handle = await startInConversation('02000003');
  const eventsBefore = await businessEvents(handle);
  expect(await rejection(handle.executeUpdate(recordSignatureUpdate, { args: [{ by: 'provider' }] }))).toBe(
    `provider 02000003 under ${policy.id} is IN_CONVERSATION (invited to the purchase conversation; waiting for its outcome), not waiting for a signature`,
  );
  expect(await rejection(handle.executeUpdate(recordRefusalUpdate, { args: [{ by: 'provider', reason: 'no' }] }))).toMatch(
    /is IN_CONVERSATION .* not waiting for a refusal$/,
  );
  expect(await businessEvents(handle)).toEqual(eventsBefore);

  // After the conversation the same signature is taken; a second outcome is not.
  await handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'staff' }] });
  expect(await rejection(handle.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'negative', by: 'staff' }] }))).toMatch(
    /is OFFERED .* not waiting for a purchase-conversation outcome$/,
  );
  expect((await handle.executeUpdate(recordSignatureUpdate, { args: [{ by: 'provider' }] })).status).toBe('SIGNED');
  expect((await portal.messages('02000003')).map((m) => m.kind)).toEqual(['invitation', 'offer']);
});

test("a provider's question (the catalogue's newest command) is kept on the track and audited; the track's state does not change", async () => {
  const handle = await startInConversation('02000011');
  const view = await handle.executeUpdate(COMMANDS.question.update, { args: [{ subject: 'AGB 02000011 zorg: wanneer hoor ik iets over het gesprek?', receivedOn: '2026-12-01', by: 'inkoper' }] });
  expect(view.status).toBe('IN_CONVERSATION');
  expect(view.accepts).toContain('outcome');
  expect(view.history.at(-1)).toMatchObject({ event: 'QUESTION_ASKED', by: 'inkoper', text: 'question from the provider (received 2026-12-01): AGB 02000011 zorg: wanneer hoor ik iets over het gesprek?' });
  expect((await world.deps.audit.entries({ agbCode: '02000011' })).map((e) => e.action)).toEqual(['QUESTION_ASKED']);
  // A question the provider could not have asked yet is refused, and leaves nothing.
  expect(await rejection(handle.executeUpdate(COMMANDS.question.update, { args: [{ subject: 'later', receivedOn: '2099-01-01', by: 'inkoper' }] }))).toMatch(/cannot have asked on 2099-01-01: that is after today/);
});

test('a workflow started with a malformed provider fails at its first step (the zod check in evaluateProvider), naming every field', async () => {
  const handle = await world.env.client.workflow.start(providerContractingWorkflow, {
    taskQueue: world.taskQueue,
    workflowId: providerWorkflowId(policy.id, 'bad-agb'),
    args: [{ policyId: policy.id, provider: { agbCode: '1234', name: 'X', locations: [], vektisRegistered: true, vecozoCertificate: true } }],
  });
  await expect(handle.result()).rejects.toMatchObject({
    cause: { message: expect.stringMatching(/invalid workflow input: provider record is invalid: agbCode: an AGB code is exactly 8 digits.*locations: a provider has at least one location/) },
  });
});

test('an unknown policy fails the workflow with the list of known policies', async () => {
  const handle = await world.env.client.workflow.start(providerContractingWorkflow, {
    taskQueue: world.taskQueue,
    workflowId: providerWorkflowId('zg-1999', '02000009'),
    args: [
      {
        policyId: 'zg-1999',
        provider: { agbCode: '02000009', name: 'X', locations: [{ agbCode: '02000009', name: 'X', city: 'Y' }], vektisRegistered: true, vecozoCertificate: true },
      },
    ],
  });
  await expect(handle.result()).rejects.toMatchObject({
    cause: { type: 'UnknownPolicy', message: expect.stringMatching(new RegExp(`^unknown policy edition 'zg-1999'; known: .*${policy.id}`)) },
  });
});
