/**
 * The purchasing mailbox in the console: the worklist "Niet toegewezen" (e-mail to the purchasing
 * address the filer could not place, with why), where a purchaser assigns one to a provider's
 * track (it becomes a question there, through the same `placeByHand` the filer's placing uses) or
 * sets it aside. Attachments are served as downloads only, never shown inline: a provider's file
 * is not trusted to render in the console's origin.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { placeByHand, setAside } from '../../mailbox/filer';
import { trackOf } from '../../operations/tracks';
import { wordsFor, type Language } from '../../words';
import type { EditionOfFn, PageFn } from './page';

/** At most this many e-mails on the page, oldest first: the rest follow as these are placed. */
const PAGE_ROWS = 200;

const MailParam = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const AttachmentParam = MailParam.extend({ position: z.coerce.number().int().min(0).max(10_000) });
const PlaceBody = z.object({ beleid: z.string().min(1).max(200), agb: z.string().trim().regex(/^\d{8}$/, 'an AGB code of 8 digits'), soort: z.string().trim().max(100).optional() });

/** How many e-mails wait on "Niet toegewezen" (the season overview's card). */
export async function unassignedCount(database: Database): Promise<number> {
  const row = await database.db.selectFrom('inbound_mail').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'unassigned').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function consoleMailbox(app: FastifyInstance, deps: { client: Client; database: Database; page: PageFn; editionOf: EditionOfFn; languageOf: (request: FastifyRequest) => Language; purchasingAddress: string }): Promise<void> {
  const { client, database, page, editionOf, languageOf } = deps;

  app.get('/postbus', { config: { role: 'viewer' } }, async (request, reply) => {
    const mails = await database.db.selectFrom('inbound_mail').select(['id', 'received_at', 'from_address', 'from_name', 'subject', 'text', 'reason']).where('status', '=', 'unassigned').orderBy('received_at').orderBy('id').limit(PAGE_ROWS).execute();
    const attachments = mails.length
      ? await database.db.selectFrom('inbound_attachments').select(['mail_id', 'position', 'filename', 'size']).where('mail_id', 'in', mails.map((m) => m.id)).orderBy('position').execute()
      : [];
    const rows = mails.map((m) => ({ ...m, text: m.text.slice(0, 4000), attachments: attachments.filter((a) => a.mail_id === m.id), agb: m.reason && 'agbCode' in m.reason ? m.reason.agbCode : '' }));
    return page(request, reply, 'mailbox.eta', { rows, address: deps.purchasingAddress, policy: request.session.edition });
  });

  app.post('/postbus/:id/toewijzen', { config: { role: 'purchaser' } }, async (request, reply) => {
    const { id } = MailParam.parse(request.params);
    const t = wordsFor(languageOf(request));
    const body = PlaceBody.safeParse(request.body);
    const edition = body.success ? editionOf(body.data.beleid) : undefined;
    if (!body.success || !edition) {
      request.session.flash = { kind: 'error', text: `${t.mailbox.notPlaced}: ${t.badInput}`, lines: body.success ? [`${t.edition}: ${body.data.beleid}`] : body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
      return reply.redirect('/postbus');
    }
    let result: { question: number } | { refused: string };
    let workflowId = '';
    try {
      workflowId = await trackOf(client, edition, body.data.agb, body.data.soort || undefined);
      result = await placeByHand(database, client, id, workflowId, request.session.user!.username);
    } catch (err) {
      // No track, several tracks, an unknown contract kind: said as the CLI says it.
      result = { refused: (err as Error).message };
    }
    request.session.flash = 'question' in result ? { kind: 'ok', text: t.mailbox.placed(result.question, workflowId) } : { kind: 'error', text: `${t.mailbox.notPlaced}: ${t.refused}`, detail: result.refused };
    return reply.redirect('/postbus');
  });

  app.post('/postbus/:id/terzijde', { config: { role: 'purchaser' } }, async (request, reply) => {
    const { id } = MailParam.parse(request.params);
    const t = wordsFor(languageOf(request));
    request.session.flash = (await setAside(database, id, request.session.user!.username)) ? { kind: 'ok', text: t.mailbox.setAsideDone } : { kind: 'error', text: t.mailbox.gone };
    return reply.redirect('/postbus');
  });

  app.get('/postbus/:id/bijlage/:position', { config: { role: 'viewer' } }, async (request, reply) => {
    const { id, position } = AttachmentParam.parse(request.params);
    const file = await database.db.selectFrom('inbound_attachments').select(['filename', 'content', 'sha256']).where('mail_id', '=', id).where('position', '=', position).executeTakeFirst();
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send(wordsFor(languageOf(request)).notFound);
    const ascii = file.filename.replace(/[^\w.\- ]/g, '_').slice(0, 150) || 'bijlage';
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename.slice(0, 150))}`)
      .header('x-content-sha256', file.sha256)
      .send(file.content);
  });
}
