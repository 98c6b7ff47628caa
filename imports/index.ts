/**
 * Bulk decisions from spreadsheets (issue 13, item 4): assessments, conversation outcomes,
 * refusals and signatures (the portal's status export), from an XLSX or CSV as Dutch Excel writes
 * it (imports/sheet.ts). The web console and the CLI (`zorginkoop import`) call the same two
 * functions; docs/imports.md is the guide for staff.
 *
 * - `dryRun` reads every row, validates it with the command's zod schema (the same as the
 *   workflow's update validator), finds the provider's track and asks its status: 'ready' when
 *   the track waits for exactly this decision, 'unchanged' when it already shows it, 'error'
 *   otherwise, with a Dutch message naming the row, the column and why. Nothing is sent.
 * - `apply` classifies the same way, then sends each 'ready' row's update (8 at a time) with an
 *   update id derived from the track, the kind and the decision, so that two applies of one file
 *   at the same moment are one update in Temporal too. A row the workflow refuses becomes an
 *   'error' with the workflow's own message; the other rows go on, and what was sent stays sent.
 *   Applying the same file again changes nothing: every row is then 'unchanged'.
 *
 * What each kind reads and which command a row becomes: imports/kinds.ts. What the report says
 * (Dutch): words/nl-imports.ts.
 */
import { mapLimit } from '../operations/concurrency';
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { EditionStore } from '../activities/edition-store';
import { wordsFor } from '../words';
import { amsterdamDay } from '../policies/calendar';
import type { Edition } from '../policies';
import { toCsv } from '../operations/csv';
import { providerWorkflowId } from '../policies/ids';
import { statusQuery, type ProviderStatusView } from '../workflows/messages';
import { CellError, columnLetter, findColumns, formatDutchDay, IMPORT_WORDS as t, quoted, readAgbCode, readSheet, readText, SheetError, type Sheet } from './sheet';
import { COLUMN, IMPORT_KINDS, RowProblem, SPECS, type Cells, type ImportKind, type Key, type KindSpec } from './kinds';

export { IMPORT_KINDS, importColumns, type ImportKind } from './kinds';

export interface ImportContext {
  client: Client;
  editions: EditionStore;
  /** Who records the decisions: the signed-in user, or the CLI's --by. */
  by: string;
  /** The policy edition of rows without a Beleid column or cell. */
  policy?: string;
  /** How many tracks are asked or updated at a time (default 8). */
  concurrency?: number;
}

export interface RowResult {
  /** The row as Excel numbers it (the header is 1). */
  row: number;
  agbCode?: string;
  policyId?: string;
  contractKind?: string;
  result: 'ready' | 'changed' | 'unchanged' | 'error';
  /** What happened or will happen, in Dutch, for staff. */
  message: string;
  /** What to do about it, or a warning on a row that goes ahead (an AGB code Excel dropped a zero of). */
  hint?: string;
}

export interface ImportReport {
  kind: ImportKind;
  fileName: string;
  /** CSV: the encoding the file was read in; XLSX: 'xlsx'. */
  encoding?: string;
  /** True when updates were sent (apply), false for a dry run. */
  applied: boolean;
  rows: RowResult[];
  counts: { changed: number; unchanged: number; errors: number; ready: number };
  /** About the file as a whole: columns the import does not read. */
  warnings?: string[];
}

/** A file that cannot be imported at all (unreadable, a required column missing, nobody named): nothing was sent. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}


const statusLabel = (v: ProviderStatusView) => t.statusLabel(v.status, wordsFor('nl').statusTexts[v.status] ?? v.statusText);

// ---------------------------------------------------------------------------------------------
// Reading and classifying

/** A row on its way: read, resolved to a track, classified; `send` is the update to send on apply. */
interface Planned extends RowResult {
  workflowId?: string;
  decisionKey?: string;
  send?: { command: Record<string, unknown>; updateId: string };
}

async function plan(kind: ImportKind, file: { name: string; data: Buffer }, ctx: ImportContext): Promise<{ sheet: Sheet; rows: Planned[]; warnings: string[] }> {
  if (!IMPORT_KINDS.includes(kind)) throw new ImportFileError(t.unknownKind(String(kind), IMPORT_KINDS));
  if (!ctx.by?.trim()) throw new ImportFileError(t.noBy);
  const spec = SPECS[kind];
  let sheet: Sheet;
  try {
    sheet = await readSheet(file);
  } catch (err) {
    throw new ImportFileError(err instanceof SheetError ? `${file.name}: ${err.message}` : `${file.name}: ${t.unreadable((err as Error).message)}`);
  }
  const { at, missing, ignored } = findColumns(sheet.headers, spec.columns.map((k) => COLUMN[k]));
  if (missing.length) {
    const found = sheet.headers.filter(Boolean).map((h) => quoted(h));
    throw new ImportFileError(`${file.name}: ${t.missingColumns(missing.map((m) => m.names[0]!), found)}`);
  }
  if (at.policy === undefined && !ctx.policy) throw new ImportFileError(`${file.name}: ${t.noPolicyColumn}`);
  const warnings = ignored.length ? [t.ignoredColumns(ignored.map((h) => quoted(h)))] : [];
  const rows = await mapLimit(sheet.rows, ctx.concurrency ?? 8, (r) => planRow(kind, spec, file.name, r, at, sheet.headers, ctx));
  markDuplicates(rows);
  return { sheet, rows, warnings };
}

async function planRow(kind: ImportKind, spec: KindSpec, fileName: string, r: Sheet['rows'][number], at: Partial<Record<Key, number>>, headers: string[], ctx: ImportContext): Promise<Planned> {
  const cells: Cells = {
    get: (key) => (at[key] === undefined ? null : (r.cells[at[key]!] ?? null)),
    where: (key) => (at[key] === undefined ? t.columnNotInFile(COLUMN[key].names[0]!) : t.column(quoted(headers[at[key]!]!), `${columnLetter(at[key]!)}${r.row}`)),
  };
  const out: Planned = { row: r.row, result: 'error', message: '' };
  const fail = (message: string, hint?: string): Planned => Object.assign(out, { result: 'error' as const, message: t.rowAt(r.row, message), ...(hint ? { hint } : {}) });
  try {
    // The AGB code first: every message after it names the provider.
    let agb;
    try {
      agb = readAgbCode(cells.get('agbCode'));
    } catch (err) {
      return fail(`${cells.where('agbCode')}: ${(err as Error).message}`, (err as CellError).hint);
    }
    out.agbCode = agb.code;
    const policyId = readText(cells.get('policy')) ?? ctx.policy;
    if (!policyId) return fail(`${cells.where('policy')}: ${t.noPolicy}`);
    out.policyId = policyId;
    let edition: Edition;
    try {
      edition = ctx.editions.get(policyId);
    } catch (err) {
      return fail(`${at.policy !== undefined && readText(cells.get('policy')) ? cells.where('policy') : t.policyWhere}: ${(err as Error).message}`);
    }
    out.policyId = edition.id;
    const decision = spec.read(cells);
    if (decision.skip) return Object.assign(out, { result: 'unchanged' as const, message: t.rowSays(r.row, decision.skip) });
    const note = `${decision.note ? `${decision.note} ` : ''}${t.importNote(fileName, r.row)}`;
    const full = { ...decision.command, by: ctx.by, note };
    const checked = spec.command.parse(full);
    if (!checked.ok) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.split('.')[0]!;
      const column = (field === 'by' ? undefined : (({ outcome: 'outcome', tier: 'tier', reason: 'reason', note: 'note' }) as Record<string, Key>)[field]);
      return fail(`${column ? cells.where(column) : field === 'by' ? t.byWhere : t.rowWhere}: ${t.invalid(issue.message)}`);
    }

    // The track: the kind named, the edition's only kind, or the one kind the provider has a track of.
    const kindText = readText(cells.get('contractKind'));
    const kinds = edition.contractKinds.map((k) => k.id);
    if (kindText && !kinds.includes(kindText)) return fail(`${cells.where('contractKind')}: ${t.notAContractKind(quoted(kindText), edition.id, kinds)}`);
    const candidates = kinds.length === 1 ? [undefined] : kindText ? [kindText] : kinds;
    const found = (await Promise.all(candidates.map((k) => findTrack(ctx.client, providerWorkflowId(edition.id, agb.code, kinds.length > 1 ? k : undefined), k)))).filter((f) => f !== undefined);
    const lost = agb.lostZeros;
    if (found.length === 0) {
      const where = t.underEdition(edition.id, kindText);
      if (lost) return fail(`${cells.where('agbCode')}: ${t.lostZerosNoTrack(lost.read, agb.code, where)}`, lost.hint);
      return fail(`${cells.where('agbCode')}: ${t.noTrack(agb.code, where)}`);
    }
    if (found.length > 1) return fail(`${cells.where('contractKind')}: ${t.manyTracks(agb.code, edition.id, found.map((f) => f.kind))}`);
    const track = found[0]!;
    if ('problem' in track) return fail(t.noStatus(agb.code, track.problem));
    const view = track.view;
    out.contractKind = view.contractKind ?? track.kind;
    out.workflowId = track.workflowId;
    out.decisionKey = decision.key;
    if (lost) out.hint = lost.hint;

    // Waiting for exactly this?
    if (view.accepts?.includes(spec.command.name)) {
      const tier = decision.command.tier as string | undefined;
      const tiers = tier ? tierOptions(ctx.editions, view) : undefined;
      if (tier && tiers && !tiers.includes(tier)) return fail(`${cells.where('tier')}: ${t.tierNotPossible(tier, out.contractKind, tiers)}`);
      const prior = view.history.filter((h) => h.event === spec.event).length;
      return Object.assign(out, {
        result: 'ready' as const,
        message: t.ready(spec.what, decision.words),
        send: { command: checked.value, updateId: updateIdOf(track.workflowId, kind, decision.command, prior) },
      });
    }
    // Already decided this way?
    const last = [...view.history].reverse().find((h) => h.event === spec.event);
    if (last) {
      const recorded = spec.recorded(last.text, view);
      const when = t.recordedWhen(formatDutchDay(amsterdamDay(last.at)), last.by);
      if (recorded.key === decision.key || (kind === 'assessments' && !decision.command.tier && recorded.key.startsWith(`${decision.key}/`))) {
        return Object.assign(out, { result: 'unchanged' as const, message: t.alreadyRecorded(recorded.words, when) });
      }
      return fail(t.recordedOtherwise(recorded.words, when, decision.words), t.recordedOtherwiseHint);
    }
    return fail(t.notWaiting(agb.code, kinds.length > 1 ? out.contractKind : undefined, spec.what, statusLabel(view)));
  } catch (err) {
    if (err instanceof RowProblem) return fail(err.message, err.hint);
    throw err;
  }
}

/** The track's status, or undefined when there is no such workflow. */
async function findTrack(client: Client, workflowId: string, kind: string | undefined): Promise<{ workflowId: string; kind?: string; view: ProviderStatusView } | { workflowId: string; kind?: string; problem: string } | undefined> {
  try {
    return { workflowId, kind, view: await client.workflow.getHandle(workflowId).query(statusQuery) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    return { workflowId, kind, problem: (err as Error).message };
  }
}

/** The tiers the track's contract kind has, from the edition revision it runs with; undefined when unknown. */
function tierOptions(editions: EditionStore, view: ProviderStatusView): string[] | undefined {
  if (!view.edition || !view.contractKind) return undefined;
  let edition: Edition;
  try {
    edition = editions.get(view.edition.id, view.edition.revision);
  } catch {
    return undefined; // the workflow's own validator judges it on apply
  }
  const kind = edition.contractKinds.find((k) => k.id === view.contractKind);
  return kind ? (kind.tiers?.tiers.map((t) => t.tier) ?? []) : undefined;
}

/**
 * The update id: the track, the kind, the decision (not who, not the file or row, not the
 * toelichting) and how many such decisions the track had before. Two applies of the same
 * decision at the same moment send one id, so Temporal keeps one update; a later, new decision
 * of the same kind on the same track (after a re-application) gets an id of its own.
 */
function updateIdOf(workflowId: string, kind: ImportKind, command: Record<string, unknown>, prior: number): string {
  const content = JSON.stringify(Object.keys(command).sort().map((k) => [k, command[k]]));
  return `import/${kind}/${createHash('sha256').update(`${workflowId}\n${kind}\n${content}\n${prior}`).digest('hex').slice(0, 32)}`;
}

/**
 * Two rows for one track: with the same decision the second (and any later) is 'unchanged', the
 * first goes on as classified; with different decisions every one of them is an error, since the
 * import cannot tell which is meant.
 */
function markDuplicates(rows: Planned[]): void {
  const byTrack = new Map<string, Planned[]>();
  for (const r of rows) if (r.workflowId && r.result !== 'error') byTrack.set(r.workflowId, [...(byTrack.get(r.workflowId) ?? []), r]);
  for (const group of byTrack.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = group as [Planned, ...Planned[]];
    if (rest.every((r) => r.decisionKey === first.decisionKey)) {
      for (const r of rest) Object.assign(r, { result: 'unchanged', message: t.rowSays(r.row, t.duplicate(first.row)), send: undefined });
    } else {
      const rowNumbers = group.map((r) => r.row);
      for (const r of group) Object.assign(r, { result: 'error', message: t.rowSays(r.row, t.conflicting(rowNumbers)), hint: t.conflictingHint, send: undefined });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The API

function report(kind: ImportKind, fileName: string, sheet: Sheet, rows: Planned[], applied: boolean, warnings: string[]): ImportReport {
  const results: RowResult[] = rows.map(({ workflowId: _w, decisionKey: _k, send: _s, ...r }) => r);
  const count = (result: RowResult['result']) => results.filter((r) => r.result === result).length;
  return {
    kind,
    fileName,
    encoding: sheet.encoding ?? sheet.format,
    applied,
    rows: results,
    counts: { changed: count('changed'), unchanged: count('unchanged'), errors: count('error'), ready: count('ready') },
    ...(warnings.length ? { warnings } : {}),
  };
}

/** Every row validated and classified against its track's status; nothing is sent. */
export async function dryRun(kind: ImportKind, file: { name: string; data: Buffer }, ctx: ImportContext): Promise<ImportReport> {
  const { sheet, rows, warnings } = await plan(kind, file, ctx);
  return report(kind, file.name, sheet, rows, false, warnings);
}

/** As the dry run, then each 'ready' row's update is sent: 'changed', or 'error' with the workflow's reason. */
export async function apply(kind: ImportKind, file: { name: string; data: Buffer }, ctx: ImportContext): Promise<ImportReport> {
  const { sheet, rows, warnings } = await plan(kind, file, ctx);
  const { command } = SPECS[kind];
  await mapLimit(rows, ctx.concurrency ?? 8, async (r) => {
    if (r.result !== 'ready' || !r.send || !r.workflowId) return;
    try {
      const view = await command.send(ctx.client.workflow.getHandle(r.workflowId), r.send.command, { updateId: r.send.updateId });
      Object.assign(r, { result: 'changed', message: t.applied(statusLabel(view)) });
    } catch (err) {
      const reason = err instanceof WorkflowUpdateFailedError ? t.refusedByWorkflow((err.cause as Error | undefined)?.message ?? err.message) : t.notProcessed((err as Error).message);
      Object.assign(r, { result: 'error', message: t.rowSays(r.row, reason) });
    }
  });
  return report(kind, file.name, sheet, rows, true, warnings);
}

/** The per-row result for Dutch Excel: `;`, UTF-8 with BOM, AGB codes as text, Dutch headers. */
export function reportCsv(r: ImportReport): string {
  const rows = r.rows.map((x) => ({ row: x.row, agbCode: x.agbCode ?? '', policyId: x.policyId ?? '', contractKind: x.contractKind ?? '', result: t.results[x.result], message: x.message, hint: x.hint ?? '' }));
  return toCsv(rows, ['row', 'agbCode', 'policyId', 'contractKind', 'result', 'message', 'hint'], {
    codes: ['agbCode'],
    headers: t.reportHeaders,
  });
}

/** One line for staff: "dry run van assessments.xlsx: 197 klaar, 0 ongewijzigd, 3 fouten". */
export function summaryLine(r: ImportReport): string {
  return t.summary(r);
}

