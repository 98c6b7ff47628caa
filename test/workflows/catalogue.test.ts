/**
 * The command catalogue (workflows/catalogue.ts): every front end iterates it, so what it says
 * about a command is what staff get. Here: the track's `accepts` follows the machine (not a
 * table of statuses kept beside it), every command has its words in both languages, and a
 * form's text becomes the command's payload as the schema expects it.
 */
import { initialTransition, transition } from 'xstate';
import { providerContractMachine, type ProviderEvent, type ProviderSnapshot } from '../../machines/provider-contract';
import { publicStatus } from '../../machines/public-status';
import { evaluate } from '../../policies';
import { ProviderSchema } from '../../policies/provider';
import { wordsFor } from '../../words';
import { acceptedCommands, COMMAND_LIST, COMMANDS, commandFromText, commandNamed } from '../../workflows/catalogue';
import { edition } from '../helpers/editions';

const at = '2026-10-01T08:00:00.000Z';
const track = { now: () => at, today: () => '2026-10-01' };

function zgTrack(contracts: { fromYear: number; toYear: number }[]): ProviderSnapshot {
  const provider = ProviderSchema.parse({
    agbCode: '01000001',
    name: 'Praktijk',
    vektisRegistered: true,
    vecozoCertificate: true,
    locations: [{ agbCode: '01000001', name: 'X', city: 'Y' }],
    contracts: contracts.map((c) => ({ careType: 'zg', kind: 'zg', ...c })),
  });
  const decision = evaluate(edition('zg-2026'), provider)[0]!;
  const [start] = initialTransition(providerContractMachine, { policyId: 'zg-2026', agbCode: '01000001', providerName: 'Praktijk' });
  return transition(providerContractMachine, start, { type: 'EVALUATED', at, decision })[0];
}
const step = (s: ProviderSnapshot, ...events: ProviderEvent[]) => events.reduce((current, e) => transition(providerContractMachine, current, e)[0], s);

test('a track in conversation takes its outcome, a question, a withdrawal and a move of its signing deadline (000 s5: before the offer), nothing it is not waiting for', () => {
  const inConversation = step(zgTrack([{ fromYear: 2025, toYear: 2025 }]), { type: 'INVITATION_SENT', at, messageId: 'm1' });
  expect(publicStatus(inConversation)).toBe('IN_CONVERSATION');
  expect(acceptedCommands(inConversation, track)).toEqual(['outcome', 'question', 'withdraw', 'moveDeadline']);
});

test('an offered track takes a signature, a refusal, a question, a deadline move and a withdrawal', () => {
  const offered = step(
    zgTrack([{ fromYear: 2025, toYear: 2025 }]),
    { type: 'INVITATION_SENT', at, messageId: 'm1' },
    { type: 'CONVERSATION_RECORDED', at, outcome: 'positive', by: 'inkoper' },
    { type: 'OFFER_SENT', at, offerId: 'o1', offeredOn: '2026-10-01', signingDeadline: '2026-10-29' },
  );
  expect(publicStatus(offered)).toBe('OFFERED');
  expect(acceptedCommands(offered, track)).toEqual(['sign', 'refuse', 'question', 'withdraw', 'moveDeadline']);
});

test('a track stopped by a business refusal takes a resume (and a withdrawal); an ended one takes nothing', () => {
  const invited = zgTrack([{ fromYear: 2025, toYear: 2025 }]);
  const stopped = step(invited, { type: 'EFFECT_REFUSED', at, effect: 'sendInvitation', reason: 'portal says no', from: 'inviting' });
  expect(publicStatus(stopped)).toBe('NEEDS_ATTENTION');
  expect(acceptedCommands(stopped, track)).toEqual(expect.arrayContaining(['resume', 'withdraw']));
  expect(acceptedCommands(stopped, track)).not.toContain('sign');
  const ended = step(invited, { type: 'INVITATION_SENT', at, messageId: 'm1' }, { type: 'CONVERSATION_RECORDED', at, outcome: 'negative', by: 'inkoper' });
  expect(ended.status).toBe('done');
  expect(acceptedCommands(ended, track)).toEqual([]);
});

test('a provider without an offer takes an application', () => {
  const notApproached = zgTrack([]);
  expect(publicStatus(notApproached)).toBe('NOT_APPROACHED');
  expect(acceptedCommands(notApproached, track)).toContain('apply');
});

test.each(['nl', 'en'] as const)('every command, field and choice has its words in %s', (lang) => {
  const t = wordsFor(lang);
  const missing: string[] = [];
  for (const c of COMMAND_LIST) {
    if (!t.action[c.name]) missing.push(`action.${c.name}`);
    for (const f of c.fields) {
      if (!t.field[f.name]) missing.push(`field.${f.name}`);
      for (const v of f.name === 'tier' ? [] : (f.choices ?? [])) if (!t.choice[v]) missing.push(`choice.${v}`);
    }
  }
  expect(missing).toEqual([]);
});

test('a form becomes the payload the schema reads: text trimmed, lists split on ;, who gives it', () => {
  expect(commandFromText(COMMANDS.requestDocuments, { documents: ' KvK-uittreksel ; ; AGB-bewijs ' }, 'inkoper')).toEqual({ by: 'inkoper', documents: ['KvK-uittreksel', 'AGB-bewijs'] });
  // A required reason left empty stays '' so that the schema says what is missing.
  const refusal = COMMANDS.refuse.parse(commandFromText(COMMANDS.refuse, { reason: '  ' }, 'inkoper'));
  expect(refusal.ok ? 'accepted' : refusal.error.message).toBe('invalid command: reason: give the reason the provider refused');
  expect(commandNamed('constructor')).toBeUndefined();
  expect(commandNamed('sign')).toBe(COMMANDS.sign);
});
