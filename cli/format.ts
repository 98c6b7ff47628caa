/**
 * How the CLI prints what it read: the status view, decisions, CSV exports. Days are written the
 * Dutch way everywhere ("maandag 8 november 2027"), one rendering for the same thing; JSON output
 * keeps ISO days.
 */
import type { Listing } from '../activities/directory';
import type { RegisterNote, RegisteredContract } from '../activities/contracts';
import { amsterdamDay, formatDay } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import type { ProviderStatusView } from '../workflows/messages';
import { toCsv } from './csv';

/** A calendar day (YYYY-MM-DD) as staff read it: "maandag 8 november 2027"; '-' for none. */
export function day(date: string | undefined): string {
  return date ? formatDay(date) : '-';
}

/** An instant as staff read it: its Amsterdam day written as `day` does, and the time, "maandag 8 november 2027 14:05". */
export function moment(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${formatDay(amsterdamDay(at))} ${time}`;
}

/** The finder list as CSV, one line per location, AGB codes as text. */
export function exportCsv(listings: Listing[]): string {
  const columns = ['locationAgbCode', 'locationName', 'city', 'agbCode', 'providerName', 'policyId', 'contractKind', 'contractYear', 'publishedOn'] as const;
  return toCsv(listings, columns, { codes: ['locationAgbCode', 'agbCode'] });
}

/** Where the provider file and the contract register disagree, for staff. */
export function formatRegisterNotes(notes: RegisterNote[]): string {
  return [`${notes.length} difference(s) between the provider file and the contract register:`, ...notes.map((n) => `  AGB ${n.agbCode}: ${n.text}`)].join('\n');
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

/** The provider's status as staff read it. */
export function formatStatus(v: ProviderStatusView): string {
  const lines = [
    `${v.providerName} (AGB ${v.agbCode}), ${v.policyId}`,
    `Status: ${v.status}: ${v.statusText}`,
    `Track: ${v.track ?? '-'}`,
    'Planned:',
    `  invitations by     ${day(v.planned.invitationBy)}`,
    `  offer sent         ${day(v.planned.offeredOn)}`,
    `  signing deadline   ${v.planned.signingDeadline ? day(v.planned.signingDeadline) : v.planned.signingRule}`,
    `  publication from   ${day(v.planned.publicationFrom)}`,
    `  published          ${day(v.planned.publishedOn)}`,
  ];
  if (v.nextDeadline) lines.push(`Next deadline: ${v.nextDeadline.event}, ${day(v.nextDeadline.day)}`);
  if (v.offer) {
    const o = v.offer;
    lines.push(`Offer: ${[o.tier && `tier ${o.tier}`, o.term && `term ${o.term.fromYear}-${o.term.toYear}`, o.startDate && `start ${day(o.startDate)}`].filter(Boolean).join(', ') || '-'}`);
  }
  if (v.exception) lines.push(`Exception: may be asked: ${v.exception.text} [${v.exception.source.file} s${v.exception.source.section}]`);
  if (v.blocked) lines.push(`Stopped: ${v.blocked.effect} was refused: ${v.blocked.reason} (resume once fixed, or withdraw)`);
  if (v.reasons.length) {
    lines.push('Reasons:');
    for (const r of v.reasons) lines.push(`  ${r.met ? 'yes' : 'NO '} ${r.ruleId}: ${r.text} [${r.source.file} s${r.source.section}]`);
  }
  lines.push('History:');
  for (const h of v.history) lines.push(`  ${moment(h.at)}  ${h.text}${h.by ? ` (by ${h.by})` : ''}`);
  return lines.join('\n');
}

/** Decisions as a table, each followed by its reasons. */
export function formatDecisions(decisions: Decision[], names: Map<string, string>): string {
  const lines: string[] = [];
  for (const d of decisions) {
    const cells = [
      d.agbCode,
      (names.get(d.agbCode) ?? '').slice(0, 30).padEnd(30),
      d.contractKind.padEnd(22),
      d.track.padEnd(16),
      d.tier ? `tier ${d.tier.tier}` : '      ',
      d.term ? `${d.term.fromYear}-${d.term.toYear}` : '         ',
      d.startDate ? `start ${day(d.startDate)}` : '',
    ];
    lines.push(cells.join('  ').trimEnd());
    for (const r of [...d.reasons, ...(d.tier?.factors ?? [])]) {
      lines.push(`    ${r.met ? 'yes' : 'NO '} ${r.ruleId}: ${r.text} [${r.source.file.slice(0, 3)} s${r.source.section}]`);
    }
  }
  const byTrack = new Map<string, number>();
  for (const d of decisions) byTrack.set(d.track, (byTrack.get(d.track) ?? 0) + 1);
  lines.push('', `${decisions.length} decision(s): ${[...byTrack].map(([t, n]) => `${n} ${t}`).join(', ')}`);
  return lines.join('\n');
}

