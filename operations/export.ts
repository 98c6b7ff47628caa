/** The exports staff open in Dutch Excel, for every front end (the CLI, the console): `;`, UTF-8 with BOM, AGB codes as text. */
import type { RegisteredContract } from '../activities/contracts';
import type { Listing } from '../activities/directory';
import type { ReachabilityWeek } from '../policies/reachability';
import { toCsv } from './csv';

/** The finder list as CSV, one line per location, AGB codes as text. */
export function exportCsv(listings: Listing[]): string {
  const columns = ['locationAgbCode', 'locationName', 'city', 'agbCode', 'providerName', 'policyId', 'contractKind', 'contractYear', 'publishedOn'] as const;
  return toCsv(listings, columns, { codes: ['locationAgbCode', 'agbCode'] });
}

/** The register as CSV, one line per contract, for Dutch Excel. */
export function contractsCsv(contracts: RegisteredContract[]): string {
  const rows = contracts.map((c) => ({
    agbCode: c.agbCode,
    providerName: c.providerName,
    contractKind: c.contractKind,
    tier: c.currentTier ?? '',
    signedTier: c.tier ?? '',
    fromYear: c.term.fromYear,
    toYear: c.term.toYear,
    startDate: c.startDate,
    endDate: c.endDate,
    withdrawnOn: c.withdrawnOn ?? '',
    signedOn: c.signedOn,
    signedBy: c.signedBy ?? '',
    locations: c.locations.map((l) => `${l.agbCode} ${l.name}, ${l.city}`).join(' | '),
    policyId: c.policyId,
    revision: c.revision ?? '',
    amendments: c.amendments.map((a) => `${a.effectiveDate} ${a.kind}${a.details.tier ? ` ${String(a.details.tier)}` : ''}`).join(' | '),
    contractId: c.contractId,
  }));
  return toCsv(rows, ['agbCode', 'providerName', 'contractKind', 'tier', 'signedTier', 'fromYear', 'toYear', 'startDate', 'endDate', 'withdrawnOn', 'signedOn', 'signedBy', 'locations', 'policyId', 'revision', 'amendments', 'contractId'], {
    codes: ['agbCode'],
    // Staff read the export in Dutch; `--format json` keeps the field names for programs.
    headers: {
      agbCode: 'AGB-code', providerName: 'Zorgaanbieder', contractKind: 'Contractsoort', tier: 'Niveau', signedTier: 'Niveau bij ondertekening',
      fromYear: 'Van jaar', toYear: 'Tot en met jaar', startDate: 'Ingangsdatum', endDate: 'Einddatum', withdrawnOn: 'Beëindigd per',
      signedOn: 'Ondertekend op', signedBy: 'Ondertekend door', locations: 'Locaties', policyId: 'Inkoopbeleid', revision: 'Revisie beleid',
      amendments: 'Wijzigingen', contractId: 'Contractnummer',
    },
  });
}

/**
 * The reachability figure as CSV, one line per week of receipt (the Monday), the season's total
 * last: questions received, answered within the answer target, answered late, open past it, open
 * and not yet due, and the share answered in time (of those answered or past their due day; empty
 * where none are, a decimal comma for Dutch Excel).
 */
export function reachabilityCsv(weeks: ReachabilityWeek[], total: Omit<ReachabilityWeek, 'week'>): string {
  const share = (s?: number) => (s === undefined ? '' : s.toFixed(3).replace('.', ','));
  const rows = [...weeks, { ...total, week: 'totaal' }].map((w) => ({ ...w, share: share(w.share) }));
  return toCsv(rows, ['week', 'received', 'inTime', 'late', 'overdue', 'notYetDue', 'share'], {
    headers: { week: 'Week van', received: 'Ontvangen', inTime: 'Op tijd beantwoord', late: 'Te laat beantwoord', overdue: 'Open, termijn verstreken', notYetDue: 'Open, nog binnen de termijn', share: 'Aandeel op tijd' },
  });
}
