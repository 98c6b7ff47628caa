/**
 * Starting a campaign from the console: the provider file's check first (every bad record with
 * its line and field, the differences with the contract register, the decisions per track, and
 * the edition's steps that already lie in the past), then the start, then its progress.
 * The same steps as `zorginkoop campaign start`, on the same functions.
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EditionStore } from '../../activities/edition-store';
import { checkCampaign, launchCampaign, problemLines, TransparencyRefusedError } from '../../operations/campaigns';
import { ProvidersFileError, readProvidersData } from '../../operations/providers-file';
import type { Database } from '../../db/database';
import { amsterdamDay } from '../../policies/calendar';
import type { Provider } from '../../policies/provider';
import { campaignProgressQuery, campaignWorkflowId, type CampaignProgress } from '../../workflows/campaign';
import { Uploads } from './uploads';
import type { EditionOfFn, PageFn } from './page';
import { wordsFor, type Words } from '../../words';
import type { TransparencyGap } from '../../policies/transparency';
import { dayText } from './dates';

/** What the transparency rule asks and an edition lacks, in the words of the session's language. */
function transparencyTexts(t: Words, lang: 'nl' | 'en', gaps: TransparencyGap[]): string[] {
  return gaps.map((g) => `${t.transparency.gap(g, (d) => dayText(d, lang))} (${t.transparency.article(g.item)})`);
}

/** The providers in an uploaded file, or the file's problems (read as the CLI reads a file on disk). */
export function readProvidersUpload(name: string, data: Buffer, editions: EditionStore): { providers: Provider[] } | { problems: string[] } {
  try {
    const providers = readProvidersData(name, data, editions.list());
    return providers.length ? { providers } : { problems: ['the file holds no providers'] };
  } catch (err) {
    if (err instanceof ProvidersFileError) return { problems: err.problems };
    throw err;
  }
}

export async function consoleCampaigns(
  app: FastifyInstance,
  deps: { client: Client; database: Database; editions: EditionStore; taskQueue: string; page: PageFn; editionOf: EditionOfFn; now: () => Date },
): Promise<void> {
  const { client, database, editions, page, editionOf } = deps;
  const uploads = new Uploads(database);
  const published = () => editions.list().filter((e) => e.status === 'published');

  app.get('/campagne', { config: { role: 'coordinator' } }, async (request, reply) => page(request, reply, 'campaign.eta', { published: published(), policy: editionOf(undefined)?.id }));

  /** The check: nothing starts here. */
  app.post('/campagne', { config: { role: 'coordinator', upload: { files: ['bestand'], fields: ['beleid'] } } }, async (request, reply) => {
    const t = wordsFor(request.session.lang ?? 'nl');
    const edition = editionOf(request.upload!.fields.beleid);
    const file = request.upload!.files.bestand;
    if (!edition || !file) return page(request, reply, 'campaign.eta', { published: published(), policy: edition?.id, problems: [`${t.badInput}: ${!edition ? t.edition : t.providersFile}`] }, 400);
    const read = readProvidersUpload(file.name, file.data, editions);
    if ('problems' in read) return page(request, reply, 'campaign.eta', { published: published(), policy: edition.id, fileName: file.name, problems: read.problems }, 422);
    const check = await checkCampaign(database, edition, read.providers, amsterdamDay(deps.now()));
    const byTrack: Record<string, number> = {};
    for (const d of check.decisions) byTrack[d.track] = (byTrack[d.track] ?? 0) + 1;
    const id = await uploads.save({ username: request.session.user!.username, kind: 'providers', policyId: edition.id, fileName: file.name, data: file.data });
    return page(request, reply, 'campaign.eta', {
      published: published(),
      policy: edition.id,
      fileName: file.name,
      checked: { id, providers: read.providers.length, byTrack, notes: check.notes, late: check.late, transparency: transparencyTexts(t, request.session.lang ?? 'nl', check.transparency), refused: edition.status === 'published' && check.transparency.length > 0 },
    });
  });

  app.post('/campagne/start', { config: { role: 'coordinator' } }, async (request, reply) => {
    const { upload: uploadId } = z.object({ upload: z.string() }).parse(request.body);
    const upload = await uploads.get(uploadId, request.session.user!.username);
    const edition = upload && editionOf(upload.policyId);
    if (!upload || !edition || edition.status !== 'published') return reply.code(404).send('upload not found');
    const read = readProvidersUpload(upload.fileName, upload.data, editions);
    if ('problems' in read) return page(request, reply, 'campaign.eta', { published: published(), policy: edition.id, fileName: upload.fileName, problems: read.problems }, 422);
    try {
      await launchCampaign(client, database, edition, read.providers, { taskQueue: deps.taskQueue, source: `${upload.fileName} (console, ${request.session.user!.username})` });
    } catch (err) {
      // A published edition the NZa's transparency rule finds lacking: refused, naming what is missing.
      if (!(err instanceof TransparencyRefusedError)) throw err;
      const t = wordsFor(request.session.lang ?? 'nl');
      const problems = [t.transparency.refused(edition.id, err.gaps.length), ...transparencyTexts(t, request.session.lang ?? 'nl', err.gaps)];
      return page(request, reply, 'campaign.eta', { published: published(), policy: edition.id, fileName: upload.fileName, problems }, 422);
    }
    return reply.redirect(`/campagne/voortgang?beleid=${encodeURIComponent(edition.id)}`);
  });

  app.get('/campagne/voortgang', { config: { role: 'viewer' } }, async (request, reply) => {
    const edition = editionOf((request.query as { beleid?: string }).beleid);
    if (!edition) return reply.code(404).send('unknown edition');
    const progress: CampaignProgress | undefined = await client.workflow.getHandle(campaignWorkflowId(edition.id)).query(campaignProgressQuery).catch(() => undefined);
    return page(request, reply, 'campaign-progress.eta', { policy: edition.id, edition, progress, problems: progress?.failed ? problemLines(progress) : [] });
  });
}
