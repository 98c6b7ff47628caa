/**
 * Reads a providers file (JSON: an array of provider records) and validates it whole: every bad
 * record is reported with its position, AGB code, field and reason, and nothing is half-read.
 */
import { readFileSync } from 'node:fs';
import { ProviderSchema, type Provider } from '../policies/provider';

/** A providers file that cannot be used; `problems` has one line per bad record and field. */
export class ProvidersFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`}`);
    this.name = 'ProvidersFileError';
  }
}

/** The providers in a JSON file, all valid, or a ProvidersFileError naming every bad one. */
export function readProvidersFile(file: string): Provider[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ProvidersFileError(file, [`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ProvidersFileError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  if (!Array.isArray(data)) throw new ProvidersFileError(file, ['expected a JSON array of provider records']);
  const problems: string[] = [];
  const providers: Provider[] = [];
  const seen = new Map<string, number>();
  data.forEach((item, index) => {
    const label = `record ${index + 1}${typeof item?.agbCode === 'string' ? ` (AGB ${item.agbCode})` : ''}`;
    const parsed = ProviderSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${issue.path.join('.') || '(record)'}: ${issue.message}`);
      return;
    }
    const first = seen.get(parsed.data.agbCode);
    if (first !== undefined) problems.push(`${label}: agbCode: the same AGB code as record ${first + 1}`);
    seen.set(parsed.data.agbCode, index);
    providers.push(parsed.data);
  });
  if (problems.length) throw new ProvidersFileError(file, problems);
  return providers;
}
