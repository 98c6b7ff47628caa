/**
 * The demo of `npm start` (runtime/demo.ts) on any day: ZG 2026 moved to a contract year running
 * then, whose dated steps have all passed and whose year has not ended, so that the demo's tracks
 * stand in the season (invited, in conversation) rather than closed at a year end long past.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editionStoreFor, EditionStore } from '../../activities/edition-store';
import { evaluate } from '../../policies';
import { earliestDay, latestDay } from '../../policies/plan-date';
import { DEMO_BASE, DEMO_BASE_PROVIDERS, seasonYear, writeDemo } from '../../runtime/demo';
import type { Provider } from '../../policies/provider';
import { edition } from '../helpers/editions';

const zg = edition(DEMO_BASE);

test.each([
  ['2026-12-02', 2027], // ZG 2027's invitations (September 2026) and publication (12 November 2026) have passed
  ['2027-03-01', 2027],
  ['2027-09-15', 2027], // ZG 2028's invitations are due "uiterlijk half september 2027": not yet passed
  ['2027-11-12', 2027], // its publication is "vanaf 12 november 2027"
  ['2027-11-13', 2028],
  ['2027-12-31', 2028],
  ['2028-01-01', 2028],
])('on %s the demo runs contract year %i', (today, year) => {
  expect(seasonYear(zg, today)).toBe(year);
});

test.each(['2026-06-01', '2026-12-02', '2027-11-13', '2031-02-28'])('on %s every dated step of the demo has passed and its contract year has not ended', (today) => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  try {
    const demo = writeDemo(dir, zg, today);
    // Read back as every process of the installation reads it: from the data folder's demo/.
    const store = editionStoreFor({ dataDir: dir });
    expect(store.problems).toEqual([]);
    const read = store.get(demo.edition.id);
    expect(read).toMatchObject({ id: `zg-${read.contractYear}-demo`, status: 'published', careType: 'zg' });
    expect(`${read.contractYear}-12-31` >= today).toBe(true);
    const days = read.calendar.map((s) => latestDay(s.date) ?? earliestDay(s.date)).filter((d) => d !== undefined);
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(day < today).toBe(true);
    // The same rules and quotes as ZG 2026: only the plan's words moved.
    expect(read.rules).toEqual(zg.rules);
    expect(read.calendar.map((s) => s.source)).toEqual(zg.calendar.map((s) => s.source));
    // The providers' contracts moved with it: the same tracks as ZG 2026 gave its demo providers.
    const moved = JSON.parse(readFileSync(demo.providersFile, 'utf8')) as Provider[];
    const original = JSON.parse(readFileSync(DEMO_BASE_PROVIDERS, 'utf8')) as Provider[];
    expect(moved.flatMap((p) => evaluate(read, p).map((d) => d.track))).toEqual(original.flatMap((p) => evaluate(zg, p).map((d) => d.track)));
    // The repository's own editions are untouched, and a store without the data folder has no demo.
    expect(new EditionStore().has(read.id)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same day writes the same demo, with the same revision', () => {
  const a = mkdtempSync(join(tmpdir(), 'demo-'));
  const b = mkdtempSync(join(tmpdir(), 'demo-'));
  try {
    writeDemo(a, zg, '2027-02-01');
    const { edition: e } = writeDemo(b, zg, '2027-02-01');
    expect(editionStoreFor({ dataDir: a }).get(e.id).revision).toBe(editionStoreFor({ dataDir: b }).get(e.id).revision);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});
