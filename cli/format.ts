/**
 * How the CLI prints what it read: the status view, decisions, CSV exports. Days are written the
 * Dutch way everywhere ("maandag 8 november 2027"), one rendering for the same thing; JSON output
 * keeps ISO days.
 */
import type { AuditEntry } from '../activities/audit';
import type { RegisterNote, RegisteredContract } from '../activities/contracts';
import type { Listing } from '../activities/directory';
import type { OutgoingEmail } from '../activities/mail';
import type { PortalMessage } from '../activities/portal';
import type { StaffMessage } from '../activities/staff';
import { amsterdamDay, formatDay } from '../policies/calendar';
import type { Decision } from '../policies/decision';
import type { TransparencyGap } from '../policies/transparency';
import { wordsFor } from '../words';
import type { ProviderStatusView } from '../workflows/messages';

/** A camelCase name as the CLI spells it: receivedOn → received-on. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A calendar day (YYYY-MM-DD) as staff read it: "maandag 8 november 2027"; '-' for none. */
export function day(date: string | undefined): string {
  return date ? formatDay(date) : '-';
}

/** A text with ISO days in it ("sign by 2026-11-08"), the days written out. */
export function writtenDays(text: string | undefined): string {
  return (text ?? '-').replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => (Number.isNaN(Date.parse(d)) ? d : formatDay(d)));
}

/** An instant as staff read it: its Amsterdam day written as `day` does, and the time, "maandag 8 november 2027 14:05". */
export function moment(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${formatDay(amsterdamDay(at))} ${time}`;
}

/** Where the provider file and the contract register disagree, for staff. */
export function formatRegisterNotes(notes: RegisterNote[]): string {
  return [`${notes.length} difference(s) between the provider file and the contract register:`, ...notes.map((n) => `  AGB ${n.agbCode}: ${n.text}`)].join('\n');
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
    `  signing deadline   ${v.planned.signingDeadline ? day(v.planned.signingDeadline) : writtenDays(v.planned.signingRule)}`,
    `  publication from   ${day(v.planned.publicationFrom)}`,
    `  published          ${day(v.planned.publishedOn)}`,
  ];
  if (v.nextDeadline) lines.push(`Next deadline: ${v.nextDeadline.event}, ${day(v.nextDeadline.day)}`);
  // As the CLI spells them; a view from before `accepts` has none.
  if (v.accepts) lines.push(`Takes now: ${v.accepts.map((c) => (c === 'moveDeadline' ? 'deadline move' : kebab(c))).join(', ') || '-'}`);
  if (v.offer) {
    const o = v.offer;
    lines.push(`Offer: ${[o.tier && `tier ${o.tier}`, o.term && `term ${o.term.fromYear}-${o.term.toYear}`, o.startDate && `start ${day(o.startDate)}`].filter(Boolean).join(', ') || '-'}`);
  }
  if (v.exception) lines.push(`Exception: may be asked: ${v.exception.text} [${v.exception.source.file} s${v.exception.source.section}]`);
  if (v.blocked) lines.push(`Stopped: ${v.blocked.effect} was refused: ${v.blocked.reason} (resume once fixed, or withdraw)`);
  if (v.questions?.length) {
    lines.push('Questions:');
    for (const q of v.questions) lines.push(`  ${q.number}. ${day(q.receivedOn)}: ${q.subject} -> ${q.answered ? `answered by ${q.answered.by}: ${q.answered.answer}` : `not answered yet${q.overdue ? ' (past the answer target)' : ''}`}`);
  }
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
  const lines: string[] = decisions.length ? [['AGB     ', 'PROVIDER'.padEnd(30), 'KIND'.padEnd(22), 'TRACK'.padEnd(16), 'TIER  ', 'TERM     ', 'START'].join('  ')] : [];
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


/**
 * A table as engineers and scripts read it: a header row, then one row per record, columns
 * aligned with two spaces (no borders, so `grep`, `awk` and `cut` still work line by line).
 */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '-' : String(c)).replace(/\s*\n\s*/g, ' ')))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ').trimEnd()).join('\n');
}

/** A value of a details record: ISO days written out, everything else as it is. */
export function detailValue(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
  if (Array.isArray(value)) return value.map(detailValue).join('; ');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

const PORTAL_KINDS: Record<PortalMessage['kind'], string> = {
  invitation: 'invitation',
  offer: 'offer',
  'offer-closed': 'offer closed',
  'tariff-annex': 'tariff annex',
  questionnaire: 'questionnaire',
  'documents-request': 'documents request',
  reminder: 'reminder',
  'contract-amendment': 'contract amendment',
  withdrawal: 'withdrawal',
  'deadline-moved': 'deadline moved',
};

/** A portal message's kind as staff read it (the kind itself where a new one has no label yet). */
export const portalKind = (kind: string): string => PORTAL_KINDS[kind as PortalMessage['kind']] ?? kind;

/** What the portal sent, one row per message, labelled by its kind. */
export function formatPortal(messages: PortalMessage[]): string {
  return table(
    ['SENT', 'AGB', 'KIND', 'PROVIDER', 'WHAT'],
    messages.map((m) => {
      const what =
        m.kind === 'invitation'
          ? `invitation to the purchase conversation${m.invitationBy ? `, planned by ${day(m.invitationBy)}` : ''}`
          : m.kind === 'offer'
            ? [`${m.contractKind}, sign by ${day(m.signingDeadline)}`, m.tier && `tier ${m.tier}`, m.term && `term ${m.term.fromYear}-${m.term.toYear}`, m.startDate && `start ${day(m.startDate)}`].filter(Boolean).join(', ')
            : m.kind === 'offer-closed'
              ? `${m.reason} (offer ${m.offerId})`
              : m.text;
      return [moment(m.kind === 'offer-closed' ? m.closedAt : m.sentAt), m.agbCode, portalKind(m.kind), m.providerName, what];
    }),
  );
}

/** The contract register, one row per contract. */
export function formatContracts(list: RegisteredContract[]): string {
  return table(
    ['AGB', 'PROVIDER', 'KIND', 'TIER', 'FROM', 'TO', 'WITHDRAWN', 'SIGNED', 'SIGNED BY', 'POLICY'],
    list.map((c) => [
      c.agbCode,
      c.providerName,
      c.contractKind,
      c.currentTier ? `${c.currentTier}${c.currentTier !== c.tier ? ` (signed ${c.tier})` : ''}` : '',
      day(c.startDate),
      day(c.endDate),
      c.withdrawnOn ? day(c.withdrawnOn) : '',
      day(c.signedOn),
      c.signedBy,
      c.policyId,
    ]),
  );
}

/** What the provider finder lists, one row per location. */
export function formatListings(listings: Listing[]): string {
  return table(
    ['PUBLISHED', 'LOCATION AGB', 'LOCATION', 'CITY', 'AGB', 'PROVIDER', 'KIND', 'YEAR'],
    listings.map((l) => [day(l.publishedOn), l.locationAgbCode, l.locationName, l.city, l.agbCode, l.providerName, l.contractKind, l.contractYear]),
  );
}

/** E-mail to providers, and the providers without an address under it. */
export function formatEmails(list: OutgoingEmail[]): string {
  const state = (e: OutgoingEmail) => (e.status === 'sent' ? 'sent' : e.status === 'pending' ? `waiting (${e.attempts} tries${e.lastError ? `: ${e.lastError}` : ''})` : 'NO ADDRESS');
  const rows = table(['AGB', 'STATE', 'SENT', 'TO', 'SUBJECT'], list.map((e) => [e.agbCode, state(e), e.sentAt ? moment(e.sentAt) : '', e.to, e.subject]));
  const missing = [...new Map(list.filter((e) => e.status === 'no-address').map((e) => [e.agbCode, e.providerName ?? ''])).entries()];
  return [rows, ...(missing.length ? ['', `${missing.length} provider(s) without an e-mail address (add one to the provider file; the portal has their messages):`, ...missing.map(([code, name]) => `  ${code}  ${name}`)] : [])].join('\n');
}

/** The audit log, one row per update a person made; days in its details written out. */
export function formatAudit(entries: AuditEntry[]): string {
  return table(
    ['AT', 'AGB', 'BY', 'ACTION', 'DETAILS', 'TRACK'],
    entries.map((e) => [moment(e.at), e.agbCode, e.actor, e.action, Object.entries(e.details).map(([k, v]) => `${k}: ${detailValue(v)}`).join(', '), e.workflowId]),
  );
}

/** What waits for staff. */
export function formatInbox(messages: StaffMessage[]): string {
  return table(['SENT', 'KIND', 'AGB', 'PROVIDER', 'TEXT'], messages.map((m) => [moment(m.sentAt), m.kind, m.agbCode, m.providerName, m.text]));
}

/** A provider row of `providers list`. */
export interface ProviderRow {
  workflowId: string;
  agbCode?: string;
  policy?: string;
  contractKind?: string;
  tier?: string;
  status?: string;
  nextDeadline?: string;
}

/** The last day of a deadline whose timer fires at `at` (00:00 Amsterdam the day after, see deadlinePassesAt). */
export function deadlineDay(at: string): string {
  return amsterdamDay(new Date(Date.parse(at) - 1));
}

/** Providers by policy and status, one row per track. */
export function formatProviders(rows: ProviderRow[]): string {
  return table(
    ['AGB', 'POLICY', 'KIND', 'TIER', 'STATUS', 'NEXT DEADLINE'],
    rows.map((r) => [r.agbCode, r.policy, r.contractKind, r.tier, r.status, r.nextDeadline ? day(deadlineDay(r.nextDeadline)) : '']),
  );
}

/**
 * What the NZa's transparency rule asks and an edition lacks, one item a line in Dutch for staff
 * with the English beneath for engineers; `at` says where (a file's line, or the field's path).
 */
export function formatTransparencyGaps(gaps: (TransparencyGap & { line?: number })[], at: (g: TransparencyGap & { line?: number }) => string, prefix = ''): string[] {
  const nl = wordsFor('nl').transparency;
  const en = wordsFor('en').transparency;
  return gaps.flatMap((g) => [`  ${prefix}${at(g)}: [${nl.article(g.item)}] ${nl.gap(g, (d) => formatDay(d))}`, `      (${en.article(g.item)}: ${en.gap(g, (d) => formatDay(d, 'en-GB'))})`]);
}
