/**
 * An edition's data file (YAML), read with the line of every problem: a purchaser edits the file
 * in an editor, and `policy check` says "line 42: calendar[3].when: cannot read the planning date
 * 'uiterlijk 31 setpember 2028'". Pure (text in, edition or problems out); the edition store reads
 * the files.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { checkEditionData, describePath, type Edition } from './edition';

/** A problem in an edition file: the file, the line (1-based) where it is, the item and what is wrong. */
export interface EditionFileProblem {
  file: string;
  line?: number;
  path?: string;
  message: string;
}

/** The text of an edition file as data, or its problems, each with its line. */
export function checkEditionText(text: string, file: string): { edition?: Edition; problems: EditionFileProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({ file, line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]! }));
  if (doc.errors.length) return { problems: syntax };
  const raw = doc.toJS();
  const checked = checkEditionData(raw);
  if (checked.edition) return { edition: checked.edition, problems: syntax };
  const problems = checked.issues.map((issue) => ({ file, line: lineOf(doc, lineCounter, issue.path), path: describePath(issue.path), message: issue.message }));
  return { problems: [...syntax, ...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** The line of the item at `path`, or of the nearest item around it that exists. */
export function lineOf(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      // A key that is missing is reported where its map starts; a value where it is.
      return lineCounter.linePos(node.range[0]).line;
    }
    if (n === 0 && (isMap(doc.contents) || isSeq(doc.contents))) return 1;
  }
  return undefined;
}

/** A problem as a line for staff: `editions/x.yaml:42: calendar[3].when: cannot read ...`. */
export function formatProblem(p: EditionFileProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
