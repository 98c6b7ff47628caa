/**
 * The edition store: the editions folder (a broken file named with its line, the others read), the
 * archive of the revisions campaigns started with (in the database, so every worker finds them),
 * and what a worker does when it cannot find an edition: an unknown id is final for the track; an
 * edition it cannot read (a broken file, a revision missing from its folder and archive, a damaged
 * archived revision) is retried, so the track waits until operations fix it instead of failing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, localDeps } from '../../activities';
import { testDatabase } from '../helpers/database';
import { EditionArchive, importArchiveFolder } from '../../activities/edition-archive';
import { DEFAULT_EDITIONS_DIR, EditionStore, unresolved } from '../../activities/edition-store';
import { Database } from '../../db/database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'edition-store-'));
  for (const name of ['zg-2026.yaml', 'paramedisch-2027.yaml']) copyFileSync(join(DEFAULT_EDITIONS_DIR, name), join(dir, name));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const zgProvider = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'demo', 'zg-2026-providers.json'), 'utf8'))[0];

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

test('a broken file is named with its line; the other editions are read', () => {
  writeFileSync(join(dir, 'zg-2026.yaml'), readFileSync(join(dir, 'zg-2026.yaml'), 'utf8').replace('contractYear: 2026', 'contractYear: twintig'));
  const store = new EditionStore({ dir });
  expect(store.list().map((e) => e.id)).toEqual(['paramedisch-2027']);
  expect(store.problems).toEqual([expect.objectContaining({ file: join(dir, 'zg-2026.yaml'), line: expect.any(Number) })]);
  expect(() => store.get('zg-2026')).toThrow(/^edition 'zg-2026' cannot be read:\n {2}.*zg-2026\.yaml:\d+: /);
});

test('a revision archived when a campaign started is found after the file changed, from the archive in the database, by another worker', async () => {
  const database = await testDatabase('edition-archive');
  try {
    const before = new EditionStore({ dir });
    const started = before.get('zg-2026');
    await new EditionArchive(database).save(started);
    writeFileSync(join(dir, 'zg-2026.yaml'), readFileSync(join(dir, 'zg-2026.yaml'), 'utf8').replace('answerWithinWorkingDays: 5', 'answerWithinWorkingDays: 4'));
    // Another worker, its folder changed, the same database.
    const after = new EditionStore({ dir, archive: new EditionArchive(new Database(database.url, { schema: database.schema })) });
    expect(after.get('zg-2026').revision).not.toBe(started.revision);
    expect(() => after.get('zg-2026', started.revision)).toThrow(/is not in the folder/);
    expect(await after.load('zg-2026', started.revision)).toEqual(started);
    expect(after.get('zg-2026', started.revision)).toEqual(started); // kept once loaded
    await after.archive!.database.close();
  } finally {
    await database.close();
  }
});

test('a track of an unknown edition fails; one whose revision this worker cannot find or read waits (retried)', async () => {
  const database = await testDatabase('edition-store');
  const activities = createActivities({ ...localDeps(database), editions: new EditionStore({ dir, archive: new EditionArchive(database) }) });
  const unknown = await failureOf(activities.evaluateProvider({ policyId: 'zg-1999', provider: zgProvider }));
  expect(unknown).toMatchObject({ type: 'UnknownPolicy', nonRetryable: true });

  const missing = await failureOf(activities.evaluateProvider({ policyId: 'zg-2026', revision: '0123456789ab', provider: zgProvider }));
  expect(missing).toMatchObject({ type: 'EditionUnreadable', nonRetryable: false });
  expect(missing.message).toBe(`edition 'zg-2026' revision 0123456789ab is not in the folder (now ${new EditionStore({ dir }).get('zg-2026').revision}) nor in the archive (${database.where})`);

  // A damaged archived revision (hand-edited): retried too, with where it is.
  await database.db.insertInto('edition_revisions').values({ edition_id: 'zg-2026', revision: '0123456789ab', content: JSON.stringify({ id: 'zg-2026' }) }).execute();
  const damaged = await failureOf(activities.evaluateProvider({ policyId: 'zg-2026', revision: '0123456789ab', provider: zgProvider }));
  expect(damaged).toMatchObject({ type: 'EditionUnreadable', nonRetryable: false });
  expect(damaged.message).toMatch(/^edition 'zg-2026' revision 0123456789ab: the archived revision cannot be read: .*edition_revisions zg-2026@0123456789ab/);
  await database.close();
});

test('revisions an older install archived as files are taken into the database once; a broken file is named and left', async () => {
  const database = await testDatabase('edition-archive-import');
  try {
    const folder = join(dir, 'edition-revisions');
    mkdirSync(folder);
    const zg = new EditionStore().get('zg-2026');
    const { revision: _revision, ...content } = zg;
    writeFileSync(join(folder, `zg-2026@${zg.revision}.json`), JSON.stringify(unresolved(content)));
    writeFileSync(join(folder, 'zg-2026@0123456789ab.json'), '{"id": "zg-2026"');
    const archive = new EditionArchive(database);
    const first = await importArchiveFolder(archive, folder);
    expect(first).toEqual({ imported: 1, problems: [expect.stringMatching(/zg-2026@0123456789ab\.json \(zg-2026\): /)] });
    expect(await archive.find('zg-2026', zg.revision!)).toEqual(zg);
    expect((await importArchiveFolder(archive, folder)).imported).toBe(1); // again: kept once
    expect(await archive.revisions('zg-2026')).toHaveLength(1);
  } finally {
    await database.close();
  }
});
