/**
 * A provider's track in the console: its page, and the forms for the commands it takes now.
 * The forms are the command catalogue's (workflows/catalogue.ts): which commands the track
 * takes is the status view's `accepts`, who may give one is the entry's role, and its fields
 * are the entry's. The workflow decides in the end; a form only keeps the page short.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LocalContractPortal } from '../../activities/portal';
import type { Database } from '../../db/database';
import type { DeadlineRefusal } from '../../policies/deadline-moves';
import { commandFromText, commandNamed, type Command } from '../../workflows/catalogue';
import { statusQuery, type ProviderStatusView } from '../../workflows/messages';
import { wordsFor, type Language } from '../../words';
import { dayText } from './dates';
import type { PageFn } from './page';
import { allows, type Role } from './users';

const WorkflowIdParam = z.object({ id: z.string().min(1).max(200) });

/** The forms a track offers this person: the commands it takes now that the person's role allows. */
export function formsFor(view: Pick<ProviderStatusView, 'accepts'>, role: Role): Command[] {
  return (view.accepts ?? []).flatMap((name) => commandNamed(name) ?? []).filter((c) => allows(role, c.role));
}

export async function consoleProvider(app: FastifyInstance, deps: { client: Client; database: Database; page: PageFn; languageOf: (request: FastifyRequest) => Language }): Promise<void> {
  const { client, database, page, languageOf } = deps;

  app.get('/aanbieder/:id', { config: { role: 'viewer' } }, async (request, reply) => {
    const { id } = WorkflowIdParam.parse(request.params);
    const t = wordsFor(languageOf(request));
    const handle = client.workflow.getHandle(id);
    let view: ProviderStatusView;
    let closed: { status: string; at?: Date } | undefined;
    try {
      const [v, description] = await Promise.all([handle.query(statusQuery), handle.describe()]);
      view = v;
      if (description.status.name !== 'RUNNING') closed = { status: description.status.name, at: description.closeTime };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return page(request, reply, 'message.eta', { title: t.notFound, text: `${t.notFound} (${id})` }, 404);
      throw err;
    }
    const portal = (await new LocalContractPortal(database).messages(view.agbCode)).filter((m) => !('policyId' in m) || !m.policyId || m.policyId === view.policyId);
    const forms = closed ? [] : formsFor(view, request.session.user!.role);
    // The e-mails filed on this track as questions: what the provider wrote, beside the question it became.
    const filed = view.questions?.length ? await database.db.selectFrom('inbound_mail').select(['id', 'question', 'from_address', 'text']).where('workflow_id', '=', id).where('status', '=', 'filed').execute() : [];
    const attachments = filed.length ? await database.db.selectFrom('inbound_attachments').select(['mail_id', 'position', 'filename']).where('mail_id', 'in', filed.map((m) => m.id)).orderBy('position').execute() : [];
    const mails = filed.map((m) => ({ ...m, text: m.text.slice(0, 8000), attachments: attachments.filter((a) => a.mail_id === m.id) }));
    return page(request, reply, 'provider.eta', { policy: view.policyId, id, view, closed, portal, forms, mails });
  });

  app.post('/aanbieder/:id/:action', { config: { role: 'purchaser' } }, async (request, reply) => {
    const { id, action } = z.object({ id: z.string().min(1).max(200), action: z.string() }).parse(request.params);
    const lang = languageOf(request);
    const t = wordsFor(lang);
    const command = commandNamed(action);
    const user = request.session.user!;
    if (!command) return reply.code(404).send(t.notFound);
    if (!allows(user.role, command.role)) return page(request, reply, 'message.eta', { title: t.forbidden, text: t.forbidden }, 403);
    const label = t.action[command.name];
    const parsed = command.parse(commandFromText(command, (request.body ?? {}) as Record<string, string | undefined>, user.username));
    const to = `/aanbieder/${encodeURIComponent(id)}`;
    if (!parsed.ok) {
      request.session.flash = { kind: 'error', text: `${t.refused}: ${t.badInput}`, lines: parsed.error.issues.map((i) => `${i.path === '(value)' ? action : i.path}: ${i.message}`) };
      return reply.redirect(to);
    }
    const handle = client.workflow.getHandle(id);
    try {
      await command.send(handle, parsed.value);
      request.session.flash = { kind: 'ok', text: `${label}: ${t.done}` };
    } catch (err) {
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      // In the reader's language where the refusal's kind is known (the track moved on since the
      // page was read, or is busy); the track's own words (English, for engineers) below it.
      const cause = err.cause as (Error & { type?: string }) | undefined;
      const own = cause?.message ?? err.message;
      const status = cause?.type === 'NotWaiting' ? await handle.query(statusQuery).then((v) => v.status, () => undefined) : undefined;
      const refusal = cause?.type === 'InvalidCommand' ? ((cause as { details?: unknown[] }).details?.[0] as DeadlineRefusal | undefined) : undefined;
      const text = status ? `${t.notWaiting}: ${t.statuses[status] ?? status}.` : cause?.type === 'Busy' ? `${t.busy}.` : refusal?.code ? `${t.deadlineRefusal(refusal, (d) => dayText(d, lang))}.` : own;
      request.session.flash = { kind: 'error', text: `${label}: ${t.refused}: ${text}`, ...(text === own ? {} : { detail: own }) };
    }
    return reply.redirect(to);
  });
}
