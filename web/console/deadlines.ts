/**
 * Moving a deadline for one provider, a selection (AGB codes pasted from a list) or every open
 * track of an edition: each track's workflow decides whether the move applies to it (the same
 * `moveDeadlines` as the CLI's `deadline move`), and the page reports the moved and the refused.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { moveDeadlines } from '../../operations/deadlines';
import { equals } from '../../operations/visibility';
import { COMMANDS } from '../../workflows/catalogue';
import type { EditionOfFn, PageFn } from './page';
import { wordsFor } from '../../words';

const AGB = /^\d{8}$/;

export async function consoleDeadlines(app: FastifyInstance, deps: { client: Client; page: PageFn; editionOf: EditionOfFn }): Promise<void> {
  const { client, page, editionOf } = deps;
  app.get('/termijnen', { config: { role: 'coordinator' } }, async (request, reply) => page(request, reply, 'deadlines.eta', { policy: editionOf((request.query as { beleid?: string }).beleid)?.id }));

  app.post('/termijnen', { config: { role: 'coordinator' } }, async (request, reply) => {
    const t = wordsFor(request.session.lang ?? 'nl');
    const body = z.object({ beleid: z.string(), deadline: z.string(), to: z.string(), reason: z.string(), agbs: z.string().default(''), all: z.string().optional() }).parse(request.body);
    const edition = editionOf(body.beleid);
    const problems: string[] = [];
    const move = COMMANDS.moveDeadline.parse({ deadline: body.deadline, to: body.to, reason: body.reason, by: request.session.user!.username });
    if (!move.ok) problems.push(...move.error.issues.map((i) => `${i.path}: ${i.message}`));
    const codes = [...new Set(body.agbs.split(/[\s,;]+/).filter(Boolean))];
    const bad = codes.filter((c) => !AGB.test(c));
    if (bad.length) problems.push(`${t.agbCodes}: ${bad.join(', ')} (${t.agbEightDigits})`);
    if (Boolean(codes.length) === Boolean(body.all)) problems.push(t.codesOrAll);
    if (!edition) problems.push(`${t.edition}: ${body.beleid}`);
    if (problems.length || !edition || !move.ok) return page(request, reply, 'deadlines.eta', { policy: edition?.id, problems }, 400);

    const ids: string[] = [];
    const policy = equals('ZorgPolicy', edition.id);
    const query = body.all ? `${policy} AND ExecutionStatus = 'Running'` : `${policy} AND ZorgAgbCode IN (${codes.map((c) => `'${c}'`).join(', ')})`;
    for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
    const found = new Set(ids.map((id) => id.split('/')[2]));
    const missing = codes.filter((c) => !found.has(c));
    const report = await moveDeadlines(client, ids, move.value);
    for (const c of missing) report.refused.push({ workflowId: c, reason: t.noTrackUnder(edition.id) });
    return page(request, reply, 'deadlines.eta', { policy: edition.id, report });
  });
}
