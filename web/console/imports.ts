/**
 * Bulk decisions from a spreadsheet (imports/): upload, a dry run with a result per row, then
 * apply; the per-row result downloads as CSV for Excel. The file is kept in the database between
 * the steps (web/console/uploads.ts), so "apply" applies exactly the file the dry run read.
 * Importing is a coordinator's; the signed-in coordinator is the `by` of every update.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EditionStore } from '../../activities/edition-store';
import type { Database } from '../../db/database';
import { recordImportRun } from '../../activities/import-runs';
import { apply, dryRun, ImportFileError, reportCsv, type ImportKind, type ImportReport } from '../../imports';
import { Uploads } from './uploads';
import type { EditionOfFn, PageFn } from './page';
import { wordsFor } from '../../words';

const KINDS = ['assessments', 'conversation-outcomes', 'refusals', 'signatures'] as const satisfies readonly ImportKind[];

export async function consoleImports(app: FastifyInstance, deps: { client: Client; editions: EditionStore; database: Database; page: PageFn; editionOf: EditionOfFn }): Promise<void> {
  const { client, editions, page, editionOf } = deps;
  const uploads = new Uploads(deps.database);

  app.get('/import', { config: { role: 'coordinator' } }, async (request, reply) => page(request, reply, 'import.eta', { kinds: KINDS, policy: editionOf(undefined)?.id }));

  app.post('/import', { config: { role: 'coordinator', upload: { files: ['bestand'], fields: ['soort', 'beleid'] } } }, async (request, reply) => {
    const t = wordsFor(request.session.lang ?? 'nl');
    const { fields, files } = request.upload!;
    const kind = z.enum(KINDS).safeParse(fields.soort);
    const edition = editionOf(fields.beleid);
    const file = files.bestand;
    if (!kind.success || !edition || !file) {
      return page(request, reply, 'import.eta', { kinds: KINDS, policy: edition?.id, problem: `${t.badInput}: ${!file ? t.file : !edition ? t.edition : t.importKind}` }, 400);
    }
    const user = request.session.user!;
    let report: ImportReport;
    try {
      report = await dryRun(kind.data, { name: file.name, data: file.data }, { client, editions, by: user.username, policy: edition.id });
    } catch (err) {
      // A file that cannot be imported at all (unreadable, a column missing): said, nothing kept or sent.
      if (err instanceof ImportFileError) return page(request, reply, 'import.eta', { kinds: KINDS, policy: edition.id, problem: `${file.name}: ${err.message}` }, 422);
      throw err;
    }
    const id = await uploads.save({ username: user.username, kind: kind.data, policyId: edition.id, fileName: file.name, data: file.data, report });
    return page(request, reply, 'import.eta', { kinds: KINDS, policy: edition.id, report, uploadId: id });
  });

  app.post('/import/:id/toepassen', { config: { role: 'coordinator' } }, async (request, reply) => {
    const { id } = z.object({ id: z.string() }).parse(request.params);
    const user = request.session.user!;
    const upload = await uploads.get(id, user.username);
    const kind = upload && z.enum(KINDS).safeParse(upload.kind);
    if (!upload || !kind?.success) return reply.code(404).send('upload not found');
    const report = await apply(kind.data, { name: upload.fileName, data: upload.data }, { client, editions, by: user.username, policy: upload.policyId });
    // Kept for the worker's metrics (zorginkoop_import_rows), as the CLI's imports are.
    await recordImportRun(deps.database, { kind: kind.data, source: 'console', actor: user.username, fileName: upload.fileName, policyId: upload.policyId, counts: report.counts });
    await uploads.setReport(id, report);
    return page(request, reply, 'import.eta', { kinds: KINDS, policy: upload.policyId, report, uploadId: id });
  });

  app.get('/import/:id/resultaat.csv', { config: { role: 'coordinator' } }, async (request, reply) => {
    const { id } = z.object({ id: z.string() }).parse(request.params);
    const upload = await uploads.get(id, request.session.user!.username);
    if (!upload?.report) return reply.code(404).send('no result');
    const report = upload.report as unknown as ImportReport;
    const name = `${upload.fileName.replace(/\.[^.]+$/, '')}-${report.applied ? 'toegepast' : 'proefrun'}.csv`.replace(/[^\w.-]+/g, '_');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(reportCsv(report));
  });
}
