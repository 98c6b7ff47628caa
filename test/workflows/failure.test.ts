/**
 * Failure: a portal that fails a third of its calls is retried with backoff and still sends
 * exactly one offer per provider (idempotency keys); a business refusal is not retried, shows its
 * reason, and puts the provider before staff (NEEDS_ATTENTION) without losing anything done.
 */
import { rehearse } from '../../policies';
import * as zg from '../../policies/zg-2026';
import { LocalContractPortal, PortalRefusal } from '../../activities/portal';
import type { ProviderInput } from '../../policies/provider';
import { recordConversationOutcomeUpdate, statusQuery, withdrawUpdate } from '../../workflows/messages';
import { createWorld, type ProviderHandle, type World } from '../helpers/world';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rehearsal = rehearse(zg, 2028);
const refusedAgb = '01000666';

/** The local portal, but flaky: every third call fails before it writes; one provider is refused. */
class FlakyPortal extends LocalContractPortal {
  calls = 0;
  failures = 0;
  private flaky<T>(agbCode: string, call: () => Promise<T>): Promise<T> {
    this.calls++;
    if (agbCode === refusedAgb) throw new PortalRefusal(`AGB ${agbCode} is not known in the VECOZO portal`);
    if (this.calls % 3 === 0) {
      this.failures++;
      throw new Error('VECOZO: 503 Service Unavailable');
    }
    return call();
  }
  override sendInvitation(r: Parameters<LocalContractPortal['sendInvitation']>[0]) {
    return this.flaky(r.agbCode, () => super.sendInvitation(r));
  }
  override sendOffer(r: Parameters<LocalContractPortal['sendOffer']>[0]) {
    return this.flaky(r.agbCode, () => super.sendOffer(r));
  }
}

const portal = new FlakyPortal(mkdtempSync(join(tmpdir(), 'flaky-portal-')));
let world: World;
beforeAll(async () => {
  world = await createWorld('failure', [rehearsal], { portal });
});
afterAll(() => world?.close());

const provider = (agbCode: string): ProviderInput => ({
  agbCode,
  name: `Instelling ${agbCode}`,
  locations: [{ agbCode, name: 'Hoofdlocatie', city: 'Utrecht' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2027, toYear: 2027 }],
});

test('a flaky portal is retried until every provider has exactly one invitation and one offer', async () => {
  await world.sleepUntil('2027-09-01T09:00');
  const handles: ProviderHandle[] = [];
  for (let i = 0; i < 9; i++) handles.push(await world.start(rehearsal, provider(String(1000100 + i).padStart(8, '0'))));
  await world.sleepUntil('2027-09-01T10:00'); // retries back off on the server's clock
  for (const h of handles) {
    await world.settle(h, (v) => v.history.some((e) => e.event === 'INVITATION_SENT'));
    await h.executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] }).catch(() => undefined);
  }
  await world.sleepUntil('2027-09-01T11:00');
  for (const h of handles) expect((await h.query(statusQuery)).planned.offeredOn).toBe('2027-09-01');
  expect(portal.failures).toBeGreaterThan(3);
  const messages = await portal.messages();
  for (const kind of ['invitation', 'offer']) {
    const agbs = messages.filter((m) => m.kind === kind).map((m) => m.agbCode);
    expect(agbs).toHaveLength(9);
    expect(new Set(agbs).size).toBe(9);
  }
});

test('a business refusal is not retried: the provider needs attention, with the reason, and staff can withdraw it', async () => {
  const h = await world.start(rehearsal, provider(refusedAgb));
  await world.settle(h, (v) => v.status === 'NEEDS_ATTENTION');
  const view = await h.query(statusQuery);
  expect(view.status).toBe('NEEDS_ATTENTION');
  expect(view.blocked).toMatchObject({ effect: 'sendInvitation', reason: `AGB ${refusedAgb} is not known in the VECOZO portal` });
  expect(view.history.map((e) => e.event)).toEqual(['EVALUATED', 'EFFECT_REFUSED']);
  const describe = await h.describe();
  expect(describe.raw.pendingActivities ?? []).toEqual([]); // nothing is being retried
  const withdrawn = await h.executeUpdate(withdrawUpdate, { args: [{ reason: 'not in VECOZO; provider informed by phone', initiatedBy: 'staff', by: 'inkoper' }] });
  expect(withdrawn.status).toBe('WITHDRAWN');
});
