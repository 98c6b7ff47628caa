/**
 * A contract document in the console (docs/contract-document.md): the PDF an offer, a tariff annex
 * or an amendment carried, by its SHA-256, for a signed-in user (any role: whoever may read the
 * provider page may read what it was sent). The bytes are the kept ones, never made again, so the
 * file's SHA-256 is the hash the page, the e-mail and the register name.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ContractDocumentStore, documentFileName } from '../../activities/contract-documents';
import type { Database } from '../../db/database';
import { wordsFor, type Language } from '../../words';
import type { PageFn } from './page';

export async function consoleDocuments(app: FastifyInstance, deps: { database: Database; page: PageFn; languageOf: (request: FastifyRequest) => Language }): Promise<void> {
  const documents = new ContractDocumentStore(deps.database);
  app.get('/document/:sha256', { config: { role: 'viewer' } }, async (request, reply) => {
    const t = wordsFor(deps.languageOf(request));
    const { sha256 } = z.object({ sha256: z.string().max(200) }).parse(request.params);
    if (!/^[0-9a-f]{64}$/.test(sha256)) return deps.page(request, reply, 'message.eta', { title: t.badInput, text: t.contractDocument.malformed }, 400);
    const doc = await documents.get(sha256);
    if (!doc) return deps.page(request, reply, 'message.eta', { title: t.notFound, text: t.contractDocument.notFound }, 404);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${documentFileName(doc)}"`)
      .header('x-content-sha256', doc.sha256)
      .header('cache-control', 'private, no-store')
      .send(doc.bytes);
  });
}
