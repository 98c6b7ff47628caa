/**
 * What the spreadsheet imports say, in Dutch (part of the Dutch dictionary, words/nl.ts): why a
 * file or a cell cannot be read (imports/sheet.ts, xlsx.ts, cells.ts), what each kind waits for
 * and how a row reads as a decision (imports/kinds.ts), and each row's result and the report
 * (imports/index.ts). The English (en-imports.ts) has this part's type. A message with values
 * takes them as arguments; a cell or a header in a message comes quoted (`quoted`, imports/cells.ts).
 */

/** The kinds of import (imports/kinds.ts `ImportKind`). */
export type ImportKindName = 'assessments' | 'conversation-outcomes' | 'refusals' | 'signatures';
/** A row's result (imports/index.ts `RowResult`). */
export type RowResultName = 'ready' | 'changed' | 'unchanged' | 'error';
/** An outcome of an assessment or a conversation. */
export type OutcomeName = 'positive' | 'negative';
/** What the summary line of an import report needs (imports/index.ts `ImportReport`). */
export interface ImportSummary {
  applied: boolean;
  kind: string;
  fileName: string;
  /** The encoding a CSV was read in; 'xlsx' (or nothing) for a workbook, which the line leaves out. */
  encoding?: string;
  counts: { changed: number; unchanged: number; errors: number; ready: number };
}

/** "20.000": a number as Dutch staff write it. */
const count = (n: number) => n.toLocaleString('nl-NL');

const OUTCOMES = { positive: 'positief', negative: 'negatief' } satisfies Record<OutcomeName, string>;

export const nlImports = {
  imports: {
    // The file as a whole (imports/sheet.ts, imports/xlsx.ts).
    theFile: 'het bestand',
    /** `name` quoted. */
    theSheet: (name: string) => `het werkblad ${name}`,
    oldXls: 'het oude Excel-formaat (.xls) wordt niet gelezen: sla het bestand op als Excel-werkmap (.xlsx) of als CSV',
    wrongExtension: (ext: string | undefined) => `een .xlsx- of .csv-bestand verwacht, niet ${ext ? `.${ext}` : 'een bestand zonder extensie'}`,
    noHeader: 'de eerste rij heeft geen kolomnamen (de kopregel)',
    tooManyRows: (where: string, max: number) => `${where} heeft meer dan ${count(max)} rijen; een import leest er hoogstens ${count(max)}: splits het bestand`,
    tooManyCsvLines: (lines: number, rows: number) => `het bestand heeft meer dan ${count(lines)} regels (ook zonder waarden); een import leest er hoogstens ${count(rows)} rijen: verwijder de lege regels, of splits het bestand`,
    notCsv: (message: string) => `geen leesbare CSV: ${message}`,
    protectedOrOld: 'dit is geen gewone Excel-werkmap (.xlsx): met een wachtwoord beveiligd, of in het oude formaat (.xls); sla het bestand op als Excel-werkmap zonder wachtwoord, of als CSV',
    notXlsx: (message: string) => `geen leesbare Excel-werkmap (.xlsx): ${message}`,
    tooManyParts: (parts: number) => `de werkmap bestaat uit ${count(parts)} onderdelen; een Excel-werkmap heeft er enkele tientallen: dit is geen werkmap die een import leest`,
    /** The parts of a workbook, as a message names them. */
    parts: { book: 'de werkmap zelf', texts: 'de teksten van de werkmap', styles: 'de opmaak van de werkmap', workbook: 'de werkmap' },
    missingPart: (part: string) => `geen Excel-werkmap (.xlsx): het onderdeel ${part} ontbreekt`,
    noWorksheet: 'de werkmap heeft geen werkblad',
    tooFarRight: (sheet: string, row: number, column: string, max: number, last: string) => `${sheet} heeft in rij ${row} een cel in kolom ${column}; een import leest hoogstens ${count(max)} kolommen (A tot ${last}): verwijder wat rechts daarvan staat`,
    /** Sizes as "401 MB"; `among` the largest part when the parts together are too large. */
    tooLarge: (what: string, size: string, max: string, among?: string) => `${what} is uitgepakt ${size}${among ? ` (waarvan ${among})` : ''}; een import leest hoogstens ${max} uit een werkmap: bewaar alleen de rijen van de import in een nieuwe werkmap, of sla het werkblad op als CSV`,
    damaged: (what: string, declared: string, larger: boolean) => `${what} is beschadigd: uitgepakt ${larger ? 'groter' : 'kleiner'} dan de ${declared} die de werkmap opgeeft`,

    // A cell (imports/cells.ts).
    /** A yes/no cell as Dutch Excel shows it. */
    yes: 'WAAR',
    no: 'ONWAAR',
    notYesNo: (cell: string) => `${cell} is geen ja/nee-waarde: WAAR of ONWAAR verwacht`,
    notADate: (cell: string) => `${cell} is geen datum: dd-mm-jjjj of jjjj-mm-dd verwacht, bijvoorbeeld 10-09-2027`,
    noAgbCode: 'geen AGB-code ingevuld',
    notAnAgbCode: (cell: string) => `${cell} is geen AGB-code: 8 cijfers verwacht, bijvoorbeeld 01234567`,
    leadingZeroHint: (read: string, padded: string) => `Excel liet de voorloopnul weg: bedoelt u ${padded}? Maak de kolom tekst. (gelezen: ${read})`,

    // The kinds and their rows (imports/kinds.ts).
    /** What a track must wait for to take a row of the kind. */
    what: {
      assessments: 'een beoordeling',
      'conversation-outcomes': 'de uitkomst van het inkoopgesprek',
      refusals: 'een weigering (een aanbod in het portaal)',
      signatures: 'een ondertekening (een aanbod in het portaal)',
    } satisfies Record<ImportKindName, string>,
    outcomes: OUTCOMES,
    noOutcome: 'geen uitkomst ingevuld: positief of negatief',
    notAnOutcome: (cell: string) => `${cell} is geen uitkomst: positief of negatief verwacht`,
    notATier: (cell: string) => `${cell} is geen niveau: A, B, C of D (of leeg)`,
    negativeNeedsReason: 'een negatieve beoordeling heeft een reden nodig die de zorgaanbieder kan lezen',
    /** An assessment in words: "positief, niveau A". */
    assessed: (outcome: OutcomeName, tier: string | undefined) => `${OUTCOMES[outcome]}${tier ? `, niveau ${tier}` : ''}`,
    noReason: 'geen reden ingevuld: waarom weigerde de zorgaanbieder?',
    refused: (reason: string) => `geweigerd: ${reason}`,
    signed: 'ondertekend',
    /** The note beside a signature: who signed and when (the day as Excel shows it). */
    signedNote: (by: string | undefined, on: string | undefined) => `ondertekend${by ? ` door ${by}` : ''}${on ? ` op ${on}` : ''} (portaal)`,
    /** A signature export's row that asks nothing: its cell said no (false) or nothing. */
    notSigned: (cell: false | undefined) => `niet ondertekend volgens het bestand (${cell === false ? 'ONWAAR' : 'leeg'}): niets te doen`,

    // The rows of an import (imports/index.ts).
    unknownKind: (kind: string, kinds: readonly string[]) => `onbekende soort import '${kind}': ${kinds.join(', ')}`,
    noBy: 'zeg wie de beslissingen vastlegt (de ingelogde gebruiker, of --by)',
    unreadable: (message: string) => `niet te lezen: ${message}`,
    /** `found`: the header's cells, quoted. */
    missingColumns: (names: readonly string[], found: readonly string[]) =>
      `de kolom${names.length > 1 ? 'men' : ''} ${names.map((n) => `'${n}'`).join(', ')} ontbreek${names.length > 1 ? 'en' : 't'} in de kopregel (rij 1); gevonden: ${found.join(', ') || 'niets'}`,
    noPolicyColumn: "geen kolom 'Beleid' en geen beleid gekozen (--policy): onder welk inkoopbeleid vallen de rijen?",
    ignoredColumns: (quoted: readonly string[]) => `kolommen die deze import niet leest: ${quoted.join(', ')}`,
    /** Where a field's cell is: "kolom 'Uitkomst' (C5)" (the header quoted). */
    column: (header: string, cell: string) => `kolom ${header} (${cell})`,
    columnNotInFile: (name: string) => `kolom '${name}' (niet in het bestand)`,
    policyWhere: 'beleid',
    byWhere: 'wie (--by)',
    rowWhere: 'rij',
    /** A row's problem with where it is: "rij 5, kolom 'Uitkomst' (C5): ...". */
    rowAt: (row: number, message: string) => `rij ${row}, ${message}`,
    /** What happened to a row: "rij 5: ...". */
    rowSays: (row: number, message: string) => `rij ${row}: ${message}`,
    /** The end of the note a decision is recorded with. */
    importNote: (fileName: string, row: number) => `(import ${fileName}, rij ${row})`,
    noPolicy: 'geen beleid ingevuld (en geen beleid gekozen met --policy)',
    invalid: (message: string) => `ongeldig: ${message}`,
    notAContractKind: (cell: string, edition: string, kinds: readonly string[]) => `${cell} is geen contractsoort van ${edition} (wel: ${kinds.join(', ')})`,
    underEdition: (edition: string, kind: string | undefined) => `${edition}${kind ? `, contractsoort ${kind}` : ''}`,
    lostZerosNoTrack: (read: string, code: string, under: string) => `'${read}' heeft geen 8 cijfers, en ${code} heeft geen track onder ${under}`,
    noTrack: (code: string, under: string) => `AGB ${code} heeft geen track onder ${under}`,
    manyTracks: (code: string, edition: string, kinds: readonly (string | undefined)[]) => `AGB ${code} heeft ${kinds.length} tracks onder ${edition} (${kinds.join(', ')}): vul de contractsoort in`,
    noStatus: (code: string, problem: string) => `AGB ${code}: de status is niet op te vragen: ${problem}`,
    tierNotPossible: (tier: string, kind: string | undefined, tiers: readonly string[]) => `niveau ${tier} kan niet: contractsoort ${kind} kent ${tiers.length ? `de niveaus ${tiers.join(', ')}` : 'geen niveaus'}`,
    /** A track's status: its name and the sentence staff read under it. */
    statusLabel: (status: string, text: string) => `status ${status} (${text})`,
    ready: (what: string, words: string) => `klaar: wacht op ${what}; wordt ${words}`,
    /** When and by whom a decision was recorded (the day as Excel shows it). */
    recordedWhen: (day: string, by: string | undefined) => `${day}${by ? `, door ${by}` : ''}`,
    alreadyRecorded: (words: string, when: string) => `al vastgelegd: ${words} (${when}); niets te doen`,
    recordedOtherwise: (recorded: string, when: string, file: string) => `al anders vastgelegd: ${recorded} (${when}); het bestand zegt ${file}`,
    recordedOtherwiseHint: 'Een vastgelegde beslissing verandert een import niet: kijk wat klopt (zorginkoop status).',
    notWaiting: (code: string, kind: string | undefined, what: string, status: string) => `AGB ${code}${kind ? ` (${kind})` : ''} wacht niet op ${what}: ${status}`,
    duplicate: (first: number) => `dubbel: dezelfde beslissing als rij ${first} voor deze track; één keer verwerkt`,
    conflicting: (rows: readonly number[]) => `tegenstrijdig: de rijen ${rows.join(', ')} geven deze track verschillende beslissingen; geen ervan verwerkt`,
    conflictingHint: 'Laat één rij per zorgaanbieder en contractsoort staan.',
    applied: (status: string) => `vastgelegd; nu ${status}`,
    refusedByWorkflow: (message: string) => `geweigerd door de workflow: ${message}`,
    notProcessed: (message: string) => `niet verwerkt: ${message}`,

    // The report (imports/index.ts).
    results: { ready: 'klaar', changed: 'vastgelegd', unchanged: 'ongewijzigd', error: 'fout' } satisfies Record<RowResultName, string>,
    /** The report's CSV columns. */
    reportHeaders: { row: 'Rij', agbCode: 'AGB-code', policyId: 'Beleid', contractKind: 'Contractsoort', result: 'Resultaat', message: 'Melding', hint: 'Tip' },
    /** One line: "proefimport (niets verstuurd) assessments uit a.xlsx: 197 klaar, 0 ongewijzigd, 3 fouten". */
    summary: (r: ImportSummary) => {
      const c = r.counts;
      return `${r.applied ? 'import' : 'proefimport (niets verstuurd)'} ${r.kind} uit ${r.fileName}${r.encoding && r.encoding !== 'xlsx' ? ` (${r.encoding})` : ''}: ${r.applied ? `${c.changed} vastgelegd` : `${c.ready} klaar`}, ${c.unchanged} ongewijzigd, ${c.errors} ${c.errors === 1 ? 'fout' : 'fouten'}`;
    },
  },
};

/** The imports' words' one shape: the Dutch ones'. */
export type ImportWords = typeof nlImports;
