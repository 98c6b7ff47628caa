/**
 * Reads a providers file, JSON or CSV, and validates it whole: every bad record is reported with
 * its line (CSV), or its position and line (JSON), AGB code, field and reason, and nothing is
 * half-read: one bad record refuses the file. A contract of a kind its care type does not have (a
 * typo: "fysio") is such a bad record: the policies would pass it over without a word.
 *
 * Every front end reads provider files here (`evaluate`, `campaign start`, `rehearse`, the
 * console's campaign check and rehearsals), handing over the editions the contract kinds come from.
 *
 * JSON: an array of provider records (policies/provider.ts).
 * CSV: a header row of field names of the provider record, one provider a row, in UTF-8 (with
 * or without BOM) or Windows-1252, detected (docs/operations.md, "Provider files"):
 *   - yes/no, true/false, ja/nee, 1/0 for flags; numbers as numbers; an empty cell is absent;
 *   - lists of words separated by `;` (qualityMarks, contractKinds);
 *   - contracts as `careType:kind:fromYear-toYear[:tier]` separated by `;` (zg:zg:2025-2025);
 *   - behandelindex as `year=value` separated by `;` (2025=142;2024=151);
 *   - certificates as `name[@validUntil]` separated by `;` (ISO 9001@2026-12-31);
 *   - any other structured field (locations, practitioners, ...) as JSON in the cell.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Edition } from '../policies';
import { MAX_PROVIDER_RECORD_BYTES, ProviderSchema, recordBytes, type Provider } from '../policies/provider';
import { decodeText } from '../imports/encoding';
import { quote } from '../imports/visible';

/** A providers file that cannot be used; `problems` has one line per bad record and field. */
export class ProvidersFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems, nothing read:\n${problems.map((p) => `  ${p}`).join('\n')}`}`);
    this.name = 'ProvidersFileError';
  }
}

/**
 * The providers in a JSON or CSV file, all valid, or a ProvidersFileError naming every bad one.
 * `editions`: those of this installation (the edition store's), whose contract kinds a contract
 * in the file must have.
 */
export function readProvidersFile(file: string, editions: readonly Edition[]): Provider[] {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    throw new ProvidersFileError(file, [`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  return readProvidersData(file, data, editions);
}

/**
 * The providers in the bytes of a JSON or CSV file named `name` (an upload in the console), read
 * and checked as `readProvidersFile` reads a file on disk.
 */
export function readProvidersData(name: string, data: Buffer, editions: readonly Edition[]): Provider[] {
  // UTF-8 (with or without BOM) or Windows-1252, as Dutch Excel saves a CSV: read as 'utf8'
  // blindly, "Müller" in Windows-1252 became "M\uFFFDller" (imports/encoding.ts).
  const text = decodeText(data).text;
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return validate(name, csvRecords(name, text), editions);
  if (ext === '.json') return validate(name, jsonRecords(name, text), editions);
  throw new ProvidersFileError(name, [`expected a .json or .csv file, not '${ext || 'no extension'}'`]);
}

/** A record to validate, with where it stands in the file and what could not be read. */
interface RawRecord {
  where: string;
  value: Record<string, unknown>;
  problems: string[];
}

function jsonRecords(file: string, text: string): RawRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ProvidersFileError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  if (!Array.isArray(data)) throw new ProvidersFileError(file, ['expected a JSON array of provider records']);
  const lines = elementLines(text);
  return data.map((value, i) => ({ where: `record ${i + 1}, line ${lines[i]}`, value: value as Record<string, unknown>, problems: [] }));
}

/** The line each element of the JSON array in `text` starts on (`text` is valid JSON: JSON.parse read it). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let next = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      // No line break inside a JSON string: only an escaped one (\n).
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '\n') line++;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (next && depth === 1 && c !== ']') lines.push(line);
    next = false;
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') next = ++depth === 1;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',') next = depth === 1;
  }
  return lines;
}

/** The contract kinds of each care type, as its editions have them. */
function kindsByCareType(editions: readonly Edition[]): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  for (const edition of editions) {
    const known = kinds.get(edition.careType) ?? [];
    for (const kind of edition.contractKinds) if (!known.includes(kind.id)) known.push(kind.id);
    kinds.set(edition.careType, known);
  }
  return kinds;
}

/**
 * The problems of a record's contracts whose kind its care type's editions do not have. A care
 * type of which this installation has no edition is not judged: no policy here reads it.
 */
function unknownKinds(label: string, provider: Provider, kinds: Map<string, string[]>): string[] {
  return provider.contracts.flatMap((contract, i) => {
    const known = kinds.get(contract.careType);
    if (!known || known.includes(contract.kind)) return [];
    const like = known.filter((k) => k.startsWith(contract.kind) || contract.kind.startsWith(k));
    return [`${label}: contracts.${i}.kind: ${quote(contract.kind)} is not a contract kind of care type ${contract.careType} (${like.length ? `did you mean ${like.join(' or ')}? ` : ''}known: ${known.join(', ')})`];
  });
}

const FIELDS = ProviderSchema.shape;
type FieldName = keyof typeof FIELDS;

/** The zod type under optional/default wrappers. */
function inner(schema: z.ZodType): z.ZodType {
  let s = schema as z.ZodType & { def: { type: string; innerType?: z.ZodType } };
  while ((s.def.type === 'optional' || s.def.type === 'default') && s.def.innerType) s = s.def.innerType as typeof s;
  return s;
}

const FLAGS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, ja: true, nee: false, '1': true, '0': false };

/** Reads one CSV cell as the field's type; throws a message for the problem list. */
function readCell(field: FieldName, cell: string): unknown {
  const type = inner(FIELDS[field] as z.ZodType) as z.ZodType & { def: { type: string; element?: z.ZodType } };
  const list = () => cell.split(';').map((x) => x.trim()).filter(Boolean);
  if (cell.startsWith('[') || cell.startsWith('{')) {
    try {
      return JSON.parse(cell);
    } catch (err) {
      throw new Error(`not valid JSON: ${(err as Error).message}`);
    }
  }
  switch (field) {
    case 'contracts':
      return list().map((item) => {
        const m = item.match(/^([a-z]+):([a-z0-9-]+):(\d{4})-(\d{4})(?::([A-D]))?$/);
        if (!m) throw new Error(`${quote(item)}: expected careType:kind:fromYear-toYear[:tier], e.g. zg:zg:2025-2025`);
        return { careType: m[1], kind: m[2], fromYear: Number(m[3]), toYear: Number(m[4]), ...(m[5] ? { tier: m[5] } : {}) };
      });
    case 'behandelindex':
      return list().map((item) => {
        const m = item.match(/^(\d{4})=(\d+(?:\.\d+)?)$/);
        if (!m) throw new Error(`${quote(item)}: expected year=value, e.g. 2025=142`);
        return { year: Number(m[1]), value: Number(m[2]) };
      });
    case 'certificates':
      return list().map((item) => {
        const [name, validUntil] = item.split('@').map((x) => x.trim());
        return validUntil ? { name, validUntil } : { name };
      });
  }
  switch (type.def.type) {
    case 'boolean': {
      const flag = FLAGS[cell.toLowerCase()];
      if (flag === undefined) throw new Error(`${quote(cell)}: expected yes or no`);
      return flag;
    }
    case 'number': {
      const n = Number(cell.replace(',', '.'));
      if (!Number.isFinite(n)) throw new Error(`${quote(cell)}: expected a number`);
      return n;
    }
    case 'array':
      return list();
    case 'object':
      throw new Error('expected JSON in this cell, e.g. {"name": "..."}');
    default:
      return cell;
  }
}

function csvRecords(file: string, text: string): RawRecord[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, delimiter: [',', ';'].find((d) => text.split('\n')[0]!.includes(d)) ?? ',' });
  } catch (err) {
    throw new ProvidersFileError(file, [`not valid CSV: ${(err as Error).message}`]);
  }
  const header = Object.keys(rows[0]?.record ?? {});
  const unknown = header.filter((h) => !(h in FIELDS));
  if (unknown.length) {
    throw new ProvidersFileError(file, [`line 1: unknown column(s) ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${Object.keys(FIELDS).join(', ')}`]);
  }
  return rows.map(({ record, info }) => {
    const where = `line ${info.lines}`;
    const value: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [column, cell] of Object.entries(record)) {
      if (cell === '') continue;
      try {
        value[column] = readCell(column as FieldName, cell);
      } catch (err) {
        problems.push(`${where}${typeof record.agbCode === 'string' && record.agbCode ? ` (AGB ${record.agbCode})` : ''}: ${column}: ${(err as Error).message}`);
      }
    }
    return { where, value, problems };
  });
}

function validate(file: string, records: RawRecord[], editions: readonly Edition[]): Provider[] {
  const kinds = kindsByCareType(editions);
  const problems: string[] = [];
  const providers: Provider[] = [];
  const seen = new Map<string, string>();
  for (const { where, value, problems: cellProblems } of records) {
    const label = `${where}${typeof value?.agbCode === 'string' ? ` (AGB ${value.agbCode})` : ''}`;
    problems.push(...cellProblems);
    const parsed = ProviderSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || '(record)';
        if (!cellProblems.some((p) => p.includes(`: ${String(issue.path[0])}: `))) problems.push(`${label}: ${field}: ${issue.message}`);
      }
      continue;
    }
    const unknown = unknownKinds(label, parsed.data, kinds);
    if (unknown.length) {
      problems.push(...unknown);
      continue;
    }
    const bytes = recordBytes(parsed.data);
    if (bytes > MAX_PROVIDER_RECORD_BYTES) {
      problems.push(
        `${label}: the record is ${Math.round(bytes / 1024)} KB; a provider record may be at most ${MAX_PROVIDER_RECORD_BYTES / 1024} KB (it travels as one Temporal payload): look for a field filled by mistake`,
      );
      continue;
    }
    const first = seen.get(parsed.data.agbCode);
    if (first !== undefined) problems.push(`${label}: agbCode: the same AGB code as ${first}`);
    seen.set(parsed.data.agbCode, where);
    providers.push(parsed.data);
  }
  if (problems.length) throw new ProvidersFileError(file, problems);
  return providers;
}
