/**
 * The demo `npm start` runs, on any day: ZG 2026 (editions/zg-2026.yaml) and its five demo providers
 * (data/demo/zg-2026-providers.json) moved to a contract year that is running now, so that the
 * tracks stand where a purchaser expects them in the season: invited, in conversation, with a
 * contract year ahead of them. ZG 2026 itself ended on 31 December 2026; its tracks started later
 * would close at once.
 *
 * The demo year is next year once every dated step of next year's copy has passed (the invitations
 * go out in September: from 13 November next year's season is the one in progress), else this
 * year (whose steps all lay last year). The edition is `rehearse` of ZG 2026 (every plan date moved,
 * the rules and quotes the same), published under its own id `zg-<year>-demo`, written as a file
 * into the data folder's `demo/` (never among the real editions), where every process of this
 * installation that reads the configuration finds it (activities/edition-store.ts).
 *
 * The fault runs and `bench:memory` (scripts/fault-worker-restart.ts) run hulpmiddelen 2026 the
 * same way (`writeSeasonCopy`): their direct offers go out at once and stay open on any day.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { demoEditionsDir } from '../activities/edition-store';
import { amsterdamDay } from '../policies/calendar';
import { earliestDay, latestDay } from '../policies/plan-date';
import { parseEdition, rehearse, unresolved, type Edition } from '../policies/edition';
import { rehearseProvider } from '../policies/provider';

/** The edition the demo copies, and its providers. */
export const DEMO_BASE = 'zg-2026';
export const DEMO_BASE_PROVIDERS = resolve(__dirname, '..', 'data', 'demo', 'zg-2026-providers.json');

/** The contract year in progress on `today` (YYYY-MM-DD, Amsterdam) for a copy of `base`. */
export function seasonYear(base: Edition, today: string): number {
  const year = Number(today.slice(0, 4));
  const next = rehearse(base, year + 1);
  const days = next.calendar.map((s) => latestDay(s.date) ?? earliestDay(s.date)).filter((d): d is string => d !== undefined);
  return days.every((d) => d < today) ? year + 1 : year;
}

/** The edition as its data file holds it: no revision (computed), no resolved dates. */
function asData(edition: Edition): Record<string, unknown> {
  const { revision: _revision, ...data } = edition;
  return unresolved(data) as Record<string, unknown>;
}

/** The copy of an edition for a contract year: the base moved there, published as `<base care type>-<year>-demo`. */
export function seasonCopy(base: Edition, year: number): Edition {
  const moved = rehearse(base, year);
  const id = `${base.careType}-${year}-demo`;
  return parseEdition({ ...asData(moved), id, title: `${base.title.replace(/\b20\d\d\b/, String(year))} (demo)`, status: 'published' }, id, 'demo');
}

/** Provider records of a base edition for its copy in a contract year: every year and day in them moved as far as the edition's. */
export function seasonProviders<T>(base: Edition, baseProviders: T[], year: number): T[] {
  return baseProviders.map((p) => rehearseProvider(p, year - base.contractYear));
}

/** What `writeSeasonCopy` wrote. */
export interface SeasonCopy {
  edition: Edition;
  editionFile: string;
}

/** What `writeDemo` wrote. */
export interface Demo extends SeasonCopy {
  providersFile: string;
}

/**
 * Writes the copy of `base` for the contract year in progress on `today` into `<dataDir>/demo/`
 * (again on every start: the same day gives the same file, and so the same revision).
 */
export function writeSeasonCopy(dataDir: string, base: Edition, today: string = amsterdamDay(Date.now())): SeasonCopy {
  const year = seasonYear(base, today);
  const edition = seasonCopy(base, year);
  const dir = demoEditionsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const editionFile = join(dir, `${edition.id}.yaml`);
  const header = [
    `# A demo edition (runtime/demo.ts): ${base.id} with every plan date moved to the contract year`,
    `# ${year}, published under its own id. Not a policy: written again on every start.`,
    '',
  ].join('\n');
  writeFileSync(editionFile, header + stringify(asData(edition), { lineWidth: 0 }));
  return { edition, editionFile };
}

/** The demo edition and its providers for `today`, written into `<dataDir>/demo/`. */
export function writeDemo(dataDir: string, base: Edition, today: string = amsterdamDay(Date.now())): Demo {
  const { edition, editionFile } = writeSeasonCopy(dataDir, base, today);
  const year = edition.contractYear;
  const dir = demoEditionsDir(dataDir);
  const providersFile = join(dir, `${edition.id}-providers.json`);
  const providers = JSON.parse(readFileSync(DEMO_BASE_PROVIDERS, 'utf8')) as unknown[];
  writeFileSync(providersFile, `${JSON.stringify(seasonProviders(base, providers, year), null, 2)}\n`);
  return { edition, editionFile, providersFile };
}
