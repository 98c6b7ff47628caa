/**
 * The exports staff download: the finder's contracted locations, the contract register and the
 * reachability figure (questions answered within the answer target, per week), as
 * the same Dutch-Excel CSV the CLI writes (`;`, UTF-8 with BOM, AGB codes kept as text). A
 * coordinator also sees the e-mail that waits for the mail server here (web/console/outbox.ts).
 */
import type { FastifyInstance } from 'fastify';
import { ContractRegister } from '../../activities/contracts';
import type { LocalProviderDirectory } from '../../activities/directory';
import type { EditionStore } from '../../activities/edition-store';
import { contractsCsv, exportCsv, reachabilityCsv } from '../../operations/export';
import { reachabilityOf } from '../../operations/questions';
import type { Database } from '../../db/database';
import type { IsoDate } from '../../policies/calendar';
import type { PageFn } from './page';
import { outboxBacklog } from './outbox';
import { allows } from './users';

export async function consoleExports(app: FastifyInstance, deps: { database: Database; editions: EditionStore; page: PageFn; directory: LocalProviderDirectory; today: () => IsoDate }): Promise<void> {
  const { database, page, directory } = deps;
  const policyOf = (q: unknown) => {
    const value = (q as { beleid?: string }).beleid;
    return value && deps.editions.list().some((e) => e.id === value) ? value : undefined;
  };
  const download = (name: string) => `attachment; filename="${name}"`;

  app.get('/export', { config: { role: 'viewer' } }, async (request, reply) =>
    page(request, reply, 'exports.eta', { policy: policyOf(request.query), outbox: allows(request.session.user!.role, 'coordinator') ? await outboxBacklog(database) : undefined }),
  );
  app.get('/export/zorgzoeker.csv', { config: { role: 'viewer' } }, async (request, reply) => {
    const policy = policyOf(request.query);
    const listings = (await directory.listings()).filter((l) => !policy || l.policyId === policy);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', download(`zorgzoeker-${policy ?? 'alle'}-${deps.today()}.csv`)).send(exportCsv(listings));
  });
  app.get('/export/contracten.csv', { config: { role: 'viewer' } }, async (request, reply) => {
    const policy = policyOf(request.query);
    const contracts = await new ContractRegister(database).list({ policyId: policy });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', download(`contracten-${policy ?? 'alle'}-${deps.today()}.csv`)).send(contractsCsv(contracts));
  });
  // One edition's figure: its answer target is the edition's own.
  app.get('/export/bereikbaarheid.csv', { config: { role: 'viewer' } }, async (request, reply) => {
    const policy = policyOf(request.query);
    if (!policy) return reply.callNotFound();
    const figure = await reachabilityOf(database, deps.editions.get(policy), deps.today());
    return reply.type('text/csv; charset=utf-8').header('content-disposition', download(`bereikbaarheid-${policy}-${deps.today()}.csv`)).send(reachabilityCsv(figure.weeks, figure.total));
  });
}
