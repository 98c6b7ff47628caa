/**
 * The purchasing mailbox's filer: places each kept e-mail (mailbox/intake.ts) on the track it
 * belongs to, as a `question` command (the command catalogue), once.
 *
 * Where it goes:
 * 1. A reply to one of our e-mails (its In-Reply-To or References names an e-mail in the outbox)
 *    goes on that e-mail's track.
 * 2. Otherwise the subject, read as providers write it (policies/mail-subject.ts), names the AGB
 *    code and the care type or contract kind; the track is the provider's running track under an
 *    edition of that care type (of that kind, where named). Several running tracks in different
 *    contract years: the newest year's (the season being purchased). Several in one year: staff
 *    choose.
 * 3. What cannot be placed waits on the worklist "Niet toegewezen" with the reason, where staff
 *    place it by hand (`placeByHand`) or set it aside.
 *
 * Once: the e-mail is one row per Message-ID, claimed by one filer at a time (`FOR UPDATE SKIP
 * LOCKED` and a lease), and the command's update id is made from the Message-ID, so a filer that
 * dies after the track took the question and before marking the row files it again as the same
 * update, which the track does not take twice.
 */
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { sql, type Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { InboundMailTable, UnplacedReason } from '../db/schema';
import type { Edition } from '../policies';
import { amsterdamDay } from '../policies/calendar';
import { providerWorkflowId } from '../policies/ids';
import { readSubject, subjectVocabulary } from '../policies/mail-subject';
import { PollLoop } from '../activities/poll-loop';
import { COMMANDS } from '../workflows/catalogue';
import { InvalidCommandInput } from '../workflows/command-kit';

type Mail = Selectable<InboundMailTable>;

/** Where an e-mail goes: a track (and how it was found), or why none. */
export type Placement = { workflowId: string; placedBy: 'subject' | 'reply' } | { reason: UnplacedReason };

/** Who the audit log says recorded a question the filer placed. */
export const MAILBOX_ACTOR = 'postbus zorginkoop';

/** The running tracks among `ids`, and whether each exists at all. */
async function describe(client: Client, ids: string[]): Promise<{ id: string; running: boolean }[]> {
  const found = await Promise.all(
    ids.map(async (id) => {
      try {
        const d = await client.workflow.getHandle(id).describe();
        return { id, running: d.status.name === 'RUNNING' };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    }),
  );
  return found.filter((f): f is { id: string; running: boolean } => f !== undefined);
}

/** The track of the outbox e-mail this one answers, if it answers one of ours. */
async function replyTrack(database: Database, client: Client, mail: Mail): Promise<string | undefined> {
  const ids = [...(mail.in_reply_to ? [mail.in_reply_to] : []), ...[...mail.references].reverse()];
  if (!ids.length) return undefined;
  const sent = await database.db.selectFrom('email_outbox').select(['message_id', 'idempotency_key']).where('message_id', 'in', ids).execute();
  // The nearest in the thread first: In-Reply-To, then References from the last.
  sent.sort((a, b) => ids.indexOf(a.message_id!) - ids.indexOf(b.message_id!));
  for (const { idempotency_key: key } of sent) {
    // Keys are `<workflow id>/<what>`; the workflow id is contracting/<policy>/<agb>[/<kind>].
    const [root, policy, agb, fourth] = key.split('/');
    if (root !== 'contracting' || !policy || !agb) continue;
    const candidates = [...(fourth ? [providerWorkflowId(policy, agb, fourth)] : []), providerWorkflowId(policy, agb)];
    const [track] = await describe(client, candidates);
    if (track) return track.id;
  }
  return undefined;
}

/** Where an e-mail goes (see the file's comment); asks Temporal which tracks exist and run. */
export async function placeMail(database: Database, client: Client, editions: readonly Edition[], mail: Mail): Promise<Placement> {
  const replied = await replyTrack(database, client, mail);
  if (replied) return { workflowId: replied, placedBy: 'reply' };
  const reading = readSubject(mail.subject, subjectVocabulary(editions));
  const codes = [...new Set(reading.agbCodes)];
  if (codes.length === 0) return { reason: { code: 'no-agb' } };
  if (codes.length > 1) return { reason: { code: 'several-agb', agbCodes: codes } };
  const agbCode = codes[0]!;
  const named = (e: Edition) => reading.careTypes.length === 0 || reading.careTypes.includes(e.careType);
  const candidates = editions.filter(named).flatMap((e) => {
    const kinds = e.contractKinds.map((k) => k.id);
    const asked = kinds.filter((k) => reading.kinds.includes(`${e.careType}/${k}`));
    const ids = kinds.length <= 1 ? [providerWorkflowId(e.id, agbCode)] : (asked.length ? asked : kinds).map((k) => providerWorkflowId(e.id, agbCode, k));
    return ids.map((id) => ({ id, year: e.contractYear }));
  });
  const running = (await describe(client, candidates.map((c) => c.id))).filter((t) => t.running);
  if (running.length === 0) return { reason: { code: 'no-track', agbCode, careTypes: reading.careTypes } };
  const yearOf = (id: string) => candidates.find((c) => c.id === id)!.year;
  const newest = Math.max(...running.map((t) => yearOf(t.id)));
  const chosen = running.filter((t) => yearOf(t.id) === newest);
  if (chosen.length > 1) return { reason: { code: 'several-tracks', agbCode, tracks: chosen.map((t) => t.id).sort() } };
  return { workflowId: chosen[0]!.id, placedBy: 'subject' };
}

/** The update id of an e-mail's question: the same for every attempt, so the track takes it once. */
export const updateIdOf = (messageId: string) => `mail-${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}`;

const isAddress = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 320;

/**
 * Files the e-mail on the track as a question; answers its number, or the track's refusal (a
 * closed track, one that does not exist). Anything else (Temporal unreachable) is thrown: try later.
 */
export async function fileOn(client: Client, mail: Mail, workflowId: string, by: string): Promise<{ question: number } | { refused: string }> {
  try {
    const view = await COMMANDS.question.send(
      client.workflow.getHandle(workflowId),
      {
        subject: mail.subject.trim() || '(geen onderwerp)',
        receivedOn: amsterdamDay(mail.received_at),
        by,
        messageId: mail.message_id,
        ...(isAddress(mail.from_address) ? { from: mail.from_address } : {}),
      },
      { updateId: updateIdOf(mail.message_id) },
    );
    return { question: view.questions?.length ?? 1 };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return { refused: (err.cause as Error | undefined)?.message ?? err.message };
    // What the e-mail carries that the command does not take (a sender's address zod refuses): said, not retried for ever.
    if (err instanceof InvalidCommandInput) return { refused: err.message };
    if (err instanceof WorkflowNotFoundError) return { refused: `no track ${workflowId}` };
    throw err;
  }
}

export interface FilerOptions {
  /** How long a claimed e-mail is held before another filer may take it (default 60 s). */
  leaseSeconds?: number;
  /** How often an idle filer looks for new e-mail (default 2 s). */
  pollMs?: number;
  log?: (line: string) => void;
}

/** Files new e-mail from the mailbox; one per worker process, any number at once. */
export class MailFiler {
  private readonly loop: PollLoop;
  private failing = false;

  constructor(
    readonly database: Database,
    private readonly client: Client,
    private readonly editions: () => readonly Edition[],
    private readonly options: FilerOptions = {},
  ) {
    this.loop = new PollLoop(() => this.round(), options.pollMs ?? 2000);
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  /** Claims the oldest new e-mail, or none. */
  private async claim(): Promise<Mail | undefined> {
    const lease = this.options.leaseSeconds ?? 60;
    return this.database.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('inbound_mail')
        .select('id')
        .where('status', '=', 'new')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
        .orderBy('received_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return undefined;
      return tx
        .updateTable('inbound_mail')
        .set({ lease_until: sql<Date>`now() + make_interval(secs => ${lease})`, attempts: sql<number>`attempts + 1` })
        .where('id', '=', due.id)
        .returningAll()
        .executeTakeFirst();
    });
  }

  /** Places and files one e-mail; the row says where it went, or why it waits for staff. */
  async file(mail: Mail): Promise<void> {
    const placement = await placeMail(this.database, this.client, this.editions(), mail);
    const filed = 'workflowId' in placement ? await fileOn(this.client, mail, placement.workflowId, MAILBOX_ACTOR) : undefined;
    const update =
      filed && 'question' in filed && 'workflowId' in placement
        ? { status: 'filed' as const, workflow_id: placement.workflowId, question: filed.question, placed_by: placement.placedBy, reason: null, filed_at: sql<Date>`now()`, filed_by: MAILBOX_ACTOR }
        : { status: 'unassigned' as const, reason: JSON.stringify('reason' in placement ? placement.reason : { code: 'refused', workflowId: (placement as { workflowId: string }).workflowId, detail: (filed as { refused: string }).refused }) };
    await this.database.db.updateTable('inbound_mail').set({ ...update, lease_until: null }).where('id', '=', mail.id).execute();
  }

  /** Files what is new now; returns how many e-mails it handled. */
  async fileDue(): Promise<number> {
    let handled = 0;
    for (;;) {
      const mail = await this.claim();
      if (!mail) return handled;
      await this.file(mail);
      handled++;
    }
  }

  /** Runs until `stop`: files what is new, then waits for the poll interval. */
  start(): void {
    this.loop.start();
  }

  /** Looks for new e-mail now (the IMAP reader calls it after keeping one). */
  poke(): void {
    this.loop.poke();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One round; a failure is said once, until filing works again. */
  private async round(): Promise<void> {
    try {
      if ((await this.fileDue()) > 0 && this.failing) this.log('mailbox: filing e-mail works again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log(`mailbox: e-mail cannot be filed now (${(err as Error).message}); it stays in the mailbox and is tried again; said once until it works again`);
      this.failing = true;
    }
  }
}

/**
 * Staff place an e-mail from "Niet toegewezen" on a track by hand (or file it again after the
 * track refused it): filed as a question recorded by `by`; a refusal is said and the e-mail stays.
 */
export async function placeByHand(database: Database, client: Client, mailId: number, workflowId: string, by: string): Promise<{ question: number } | { refused: string }> {
  const mail = await database.db.selectFrom('inbound_mail').selectAll().where('id', '=', mailId).executeTakeFirst();
  if (!mail) return { refused: `no e-mail ${mailId} in the mailbox` };
  if (mail.status !== 'unassigned') return { refused: `e-mail ${mailId} is ${mail.status}, not waiting to be placed` };
  const filed = await fileOn(client, mail, workflowId, by);
  if ('question' in filed) {
    await database.db
      .updateTable('inbound_mail')
      .set({ status: 'filed', workflow_id: workflowId, question: filed.question, placed_by: 'staff', reason: null, filed_at: sql<Date>`now()`, filed_by: by })
      .where('id', '=', mailId)
      .where('status', '=', 'unassigned')
      .execute();
  }
  return filed;
}

/** Staff set an e-mail on "Niet toegewezen" aside (not a question for a track: spam, a newsletter, handled elsewhere). */
export async function setAside(database: Database, mailId: number, by: string): Promise<boolean> {
  const done = await database.db.updateTable('inbound_mail').set({ status: 'set-aside', filed_at: sql<Date>`now()`, filed_by: by }).where('id', '=', mailId).where('status', '=', 'unassigned').executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
