/**
 * The purchasing mailbox's intake: an e-mail to the purchasing address (zorginkoop@...) as it
 * arrives, from the local SMTP catcher or the production IMAP mailbox (mailbox/imap.ts), kept in
 * the database once per Message-ID with its attachments. Placing it on a track is the filer's
 * work (mailbox/filer.ts), in any worker, later: the intake only keeps.
 *
 * A message without a Message-ID (rare, but allowed) gets one made from its bytes, so the same
 * bytes delivered twice are still one message.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Database } from '../db/database';

/** The largest e-mail kept (25 MB, a common mail server limit); a larger one is refused at the door. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;

export interface KeptMail {
  id: number;
  messageId: string;
  /** True where this Message-ID was kept before: a second delivery, nothing new stored. */
  duplicate: boolean;
}

const addressesOf = (value: AddressObject | AddressObject[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value);

/** A Message-ID as the headers write it, `<...>`; the angle brackets added where a parser took them off. */
export const normaliseMessageId = (id: string) => {
  const bare = id.trim().replace(/^<|>$/g, '');
  return bare ? `<${bare}>` : '';
};

/** Keeps one e-mail (its raw bytes) in the mailbox; the same Message-ID twice is kept once. */
export async function keepMail(database: Database, raw: Buffer, source: 'smtp' | 'imap', receivedAt: Date = new Date()): Promise<KeptMail> {
  if (raw.length > MAX_MAIL_BYTES) throw new Error(`an e-mail of ${raw.length} bytes is over the mailbox's limit of ${MAX_MAIL_BYTES} bytes`);
  const parsed = await simpleParser(raw, { skipHtmlToText: false });
  // None, or one longer than a header line may be (998): one made from the bytes instead.
  const given = normaliseMessageId(parsed.messageId ?? '');
  const messageId = given && given.length <= 900 ? given : `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@zorginkoop.received>`;
  const from = addressesOf(parsed.from)[0];
  const references = (Array.isArray(parsed.references) ? parsed.references : parsed.references ? parsed.references.split(/\s+/) : []).map(normaliseMessageId).filter(Boolean);
  try {
    return await database.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('inbound_mail')
        .values({
          message_id: messageId,
          source,
          // When it reached the mailbox, not the sender's Date header: a sender's clock may be wrong, and the answer target counts from arrival.
          received_at: receivedAt,
          from_address: (from?.address ?? '').toLowerCase(),
          from_name: from?.name || null,
          subject: (parsed.subject ?? '').replace(/\p{Cc}/gu, ' ').slice(0, 2000),
          text: (parsed.text ?? '').replaceAll('\u0000', ''),
          in_reply_to: parsed.inReplyTo ? normaliseMessageId(parsed.inReplyTo) : null,
          references: JSON.stringify(references),
          size: raw.length,
        })
        .onConflict((c) => c.column('message_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        const kept = await tx.selectFrom('inbound_mail').select('id').where('message_id', '=', messageId).executeTakeFirstOrThrow();
        return { id: kept.id, messageId, duplicate: true };
      }
      for (const [position, a] of parsed.attachments.entries()) {
        await tx
          .insertInto('inbound_attachments')
          .values({ mail_id: inserted.id, position, filename: a.filename ?? `bijlage-${position + 1}`, content_type: a.contentType, size: a.content.length, sha256: createHash('sha256').update(a.content).digest('hex'), content: a.content })
          .execute();
      }
      return { id: inserted.id, messageId, duplicate: false };
    });
  } catch (err) {
    throw database.failure(`keep the e-mail ${messageId}`, err);
  }
}
