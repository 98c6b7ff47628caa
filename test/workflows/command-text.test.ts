/**
 * Free text in a command (a note, a reason, a name) with an invisible control character is refused
 * where every command is judged (workflows/catalogue.ts: the CLI, the console, the imports and the
 * workflow's update validators): a NUL from a spreadsheet cell was accepted, and the track's
 * audit entry then failed in PostgreSQL, which stores no NUL, retried for ever.
 */
import { AuditLog } from '../../activities/audit';
import type { Database } from '../../db/database';
import { COMMANDS } from '../../workflows/catalogue';
import { testDatabase } from '../helpers/database';

let database: Database;
beforeAll(async () => {
  database = await testDatabase('command_text');
});
afterAll(() => database?.close());

test('PostgreSQL stores no NUL: an audit entry with one fails (why the commands refuse it first)', async () => {
  const entry = { idempotencyKey: 'nul/1', at: '2027-01-04T09:00:00.000Z', actor: 'inkoper', action: 'CONTRACT_SIGNED', workflowId: 'contracting/zg-2027/01000001', policyId: 'zg-2027', agbCode: '01000001' };
  await expect(new AuditLog(database).record({ ...entry, details: { note: 'getekend\u0000' } })).rejects.toThrow(/Unicode|0x00|invalid/i);
  await new AuditLog(database).record({ ...entry, idempotencyKey: 'nul/2', details: { note: 'getekend,\nmet een tweede regel\ten een tab' } });
});

test('defect 15: a NUL (or another control character) in a note, a reason or a name is refused by the command, with what is wrong; line breaks and tabs stay', () => {
  const refused = [
    COMMANDS.sign.parse({ by: 'inkoper', note: 'getekend\u0000' }),
    COMMANDS.refuse.parse({ by: 'inkoper', reason: 'tarief\u0007' }),
    COMMANDS.outcome.parse({ outcome: 'positive', by: 'in\u0000koper' }),
    COMMANDS.requestDocuments.parse({ documents: ['KvK\u001b'], by: 'inkoper' }),
  ];
  for (const r of refused) {
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.issues[0]!.message).toBe('contains an invisible control character (such as U+0000): type the text again');
  }
  const kept = COMMANDS.sign.parse({ by: 'inkoper', note: 'getekend,\nmet een tweede regel\ten een tab' });
  expect(kept.ok && kept.value.note).toBe('getekend,\nmet een tweede regel\ten een tab');
});
