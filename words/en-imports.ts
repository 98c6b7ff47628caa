/**
 * What the spreadsheet imports say, in English (part of the English dictionary, words/en.ts); its
 * type is the Dutch part's (nl-imports.ts), so a key missing or extra here is a type error.
 */
import type { ImportWords, OutcomeName } from './nl-imports';

/** "20,000": a number as English readers write it. */
const count = (n: number) => n.toLocaleString('en-GB');

const OUTCOMES = { positive: 'positive', negative: 'negative' } satisfies Record<OutcomeName, string>;

export const enImports: ImportWords = {
  imports: {
    theFile: 'the file',
    theSheet: (name) => `the worksheet ${name}`,
    oldXls: 'the old Excel format (.xls) is not read: save the file as an Excel workbook (.xlsx) or as CSV',
    wrongExtension: (ext) => `an .xlsx or .csv file expected, not ${ext ? `.${ext}` : 'a file without an extension'}`,
    noHeader: 'the first row has no column names (the header)',
    tooManyRows: (where, max) => `${where} has more than ${count(max)} rows; an import reads at most ${count(max)}: split the file`,
    tooManyCsvLines: (lines, rows) => `the file has more than ${count(lines)} lines (also without values); an import reads at most ${count(rows)} rows: remove the empty lines, or split the file`,
    notCsv: (message) => `not a readable CSV: ${message}`,
    protectedOrOld: 'this is not a plain Excel workbook (.xlsx): protected with a password, or in the old format (.xls); save the file as an Excel workbook without a password, or as CSV',
    notXlsx: (message) => `not a readable Excel workbook (.xlsx): ${message}`,
    tooManyParts: (parts) => `the workbook consists of ${count(parts)} parts; an Excel workbook has a few dozen: this is not a workbook an import reads`,
    parts: { book: 'the workbook itself', texts: "the workbook's texts", styles: "the workbook's styles", workbook: 'the workbook' },
    missingPart: (part) => `not an Excel workbook (.xlsx): the part ${part} is missing`,
    noWorksheet: 'the workbook has no worksheet',
    tooFarRight: (sheet, row, column, max, last) => `${sheet} has a cell in column ${column} in row ${row}; an import reads at most ${count(max)} columns (A to ${last}): remove what is to the right of them`,
    tooLarge: (what, size, max, among) => `${what} unpacks to ${size}${among ? ` (of which ${among})` : ''}; an import reads at most ${max} from a workbook: keep only the import's rows in a new workbook, or save the worksheet as CSV`,
    damaged: (what, declared, larger) => `${what} is damaged: it unpacks to ${larger ? 'more' : 'less'} than the ${declared} the workbook declares`,

    yes: 'TRUE',
    no: 'FALSE',
    notYesNo: (cell) => `${cell} is not a yes/no value: TRUE or FALSE (WAAR or ONWAAR) expected`,
    notADate: (cell) => `${cell} is not a date: dd-mm-yyyy or yyyy-mm-dd expected, for example 10-09-2027`,
    noAgbCode: 'no AGB code filled in',
    notAnAgbCode: (cell) => `${cell} is not an AGB code: 8 digits expected, for example 01234567`,
    leadingZeroHint: (read, padded) => `Excel dropped the leading zero: do you mean ${padded}? Make the column text. (read: ${read})`,

    what: {
      assessments: 'an assessment',
      'conversation-outcomes': 'the outcome of the purchasing conversation',
      refusals: 'a refusal (an offer in the portal)',
      signatures: 'a signature (an offer in the portal)',
    },
    outcomes: OUTCOMES,
    noOutcome: 'no outcome filled in: positive or negative',
    notAnOutcome: (cell) => `${cell} is not an outcome: positive or negative (positief or negatief) expected`,
    notATier: (cell) => `${cell} is not a tier: A, B, C or D (or empty)`,
    negativeNeedsReason: 'a negative assessment needs a reason the provider can read',
    assessed: (outcome, tier) => `${OUTCOMES[outcome]}${tier ? `, tier ${tier}` : ''}`,
    noReason: 'no reason filled in: why did the provider refuse?',
    refused: (reason) => `refused: ${reason}`,
    signed: 'signed',
    signedNote: (by, on) => `signed${by ? ` by ${by}` : ''}${on ? ` on ${on}` : ''} (portal)`,
    notSigned: (cell) => `not signed according to the file (${cell === false ? 'FALSE' : 'empty'}): nothing to do`,

    unknownKind: (kind, kinds) => `unknown kind of import '${kind}': ${kinds.join(', ')}`,
    noBy: 'say who records the decisions (the signed-in user, or --by)',
    unreadable: (message) => `cannot be read: ${message}`,
    missingColumns: (names, found) => `the column${names.length > 1 ? 's' : ''} ${names.map((n) => `'${n}'`).join(', ')} ${names.length > 1 ? 'are' : 'is'} missing from the header (row 1); found: ${found.join(', ') || 'nothing'}`,
    noPolicyColumn: "no column 'Beleid' and no policy chosen (--policy): which purchasing policy do the rows fall under?",
    ignoredColumns: (quoted) => `columns this import does not read: ${quoted.join(', ')}`,
    column: (header, cell) => `column ${header} (${cell})`,
    columnNotInFile: (name) => `column '${name}' (not in the file)`,
    policyWhere: 'policy',
    byWhere: 'who (--by)',
    rowWhere: 'row',
    rowAt: (row, message) => `row ${row}, ${message}`,
    rowSays: (row, message) => `row ${row}: ${message}`,
    importNote: (fileName, row) => `(import ${fileName}, row ${row})`,
    noPolicy: 'no policy filled in (and no policy chosen with --policy)',
    invalid: (message) => `invalid: ${message}`,
    notAContractKind: (cell, edition, kinds) => `${cell} is not a contract kind of ${edition} (these are: ${kinds.join(', ')})`,
    underEdition: (edition, kind) => `${edition}${kind ? `, contract kind ${kind}` : ''}`,
    lostZerosNoTrack: (read, code, under) => `'${read}' does not have 8 digits, and ${code} has no track under ${under}`,
    noTrack: (code, under) => `AGB ${code} has no track under ${under}`,
    manyTracks: (code, edition, kinds) => `AGB ${code} has ${kinds.length} tracks under ${edition} (${kinds.join(', ')}): fill in the contract kind`,
    noStatus: (code, problem) => `AGB ${code}: its status cannot be asked: ${problem}`,
    tierNotPossible: (tier, kind, tiers) => `tier ${tier} is not possible: contract kind ${kind} has ${tiers.length ? `the tiers ${tiers.join(', ')}` : 'no tiers'}`,
    statusLabel: (status, text) => `status ${status} (${text})`,
    ready: (what, words) => `ready: waits for ${what}; becomes ${words}`,
    recordedWhen: (day, by) => `${day}${by ? `, by ${by}` : ''}`,
    alreadyRecorded: (words, when) => `already recorded: ${words} (${when}); nothing to do`,
    recordedOtherwise: (recorded, when, file) => `already recorded otherwise: ${recorded} (${when}); the file says ${file}`,
    recordedOtherwiseHint: 'An import does not change a recorded decision: check which is right (zorginkoop status).',
    notWaiting: (code, kind, what, status) => `AGB ${code}${kind ? ` (${kind})` : ''} is not waiting for ${what}: ${status}`,
    duplicate: (first) => `duplicate: the same decision as row ${first} for this track; processed once`,
    conflicting: (rows) => `conflicting: rows ${rows.join(', ')} give this track different decisions; none of them processed`,
    conflictingHint: 'Keep one row per provider and contract kind.',
    applied: (status) => `recorded; now ${status}`,
    refusedByWorkflow: (message) => `refused by the workflow: ${message}`,
    notProcessed: (message) => `not processed: ${message}`,

    results: { ready: 'ready', changed: 'recorded', unchanged: 'unchanged', error: 'error' },
    reportHeaders: { row: 'Row', agbCode: 'AGB code', policyId: 'Policy', contractKind: 'Contract kind', result: 'Result', message: 'Message', hint: 'Tip' },
    summary: (r) => {
      const c = r.counts;
      return `${r.applied ? 'import' : 'dry run (nothing sent)'} ${r.kind} from ${r.fileName}${r.encoding && r.encoding !== 'xlsx' ? ` (${r.encoding})` : ''}: ${r.applied ? `${c.changed} recorded` : `${c.ready} ready`}, ${c.unchanged} unchanged, ${c.errors} ${c.errors === 1 ? 'error' : 'errors'}`;
    },
  },
};
