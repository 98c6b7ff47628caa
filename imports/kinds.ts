/**
 * The kinds of bulk import (imports/index.ts): for each, the columns it reads, the catalogue's
 * command a row becomes, how a row reads as a decision (with the Dutch message naming the column
 * when it does not), and how a track's history shows the same decision. The words are in
 * words/nl-imports.ts.
 */
import type { ProviderStatusView } from '../workflows/messages';
import { COMMANDS, type Command } from '../workflows/catalogue';
import { formatDutchDay, IMPORT_WORDS as t, quoted, readDate, readText, readYesNo, type CellValue, type ColumnSpec } from './sheet';

export type ImportKind = 'assessments' | 'conversation-outcomes' | 'refusals' | 'signatures';
export const IMPORT_KINDS: readonly ImportKind[] = ['assessments', 'conversation-outcomes', 'refusals', 'signatures'];

export type Key = 'agbCode' | 'policy' | 'contractKind' | 'outcome' | 'tier' | 'reason' | 'note' | 'signed' | 'signedOn' | 'signedBy';

export const COLUMN: Record<Key, ColumnSpec<Key>> = {
  agbCode: { key: 'agbCode', names: ['AGB-code', 'AGB', 'AGB code zorgaanbieder', 'agbCode'], required: true },
  policy: { key: 'policy', names: ['Beleid', 'Inkoopbeleid', 'policy', 'policyId'] },
  contractKind: { key: 'contractKind', names: ['Contractsoort', 'Soort contract', 'contractKind', 'kind'] },
  outcome: { key: 'outcome', names: ['Uitkomst', 'Resultaat', 'outcome'], required: true },
  tier: { key: 'tier', names: ['Niveau', 'tier'] },
  reason: { key: 'reason', names: ['Reden', 'reason'] },
  note: { key: 'note', names: ['Toelichting', 'Opmerking', 'note'] },
  signed: { key: 'signed', names: ['Ondertekend', 'signed'], required: true },
  signedOn: { key: 'signedOn', names: ['Ondertekend op', 'Datum ondertekening', 'signedOn'] },
  signedBy: { key: 'signedBy', names: ['Ondertekend door', 'Ondertekenaar', 'signedBy'] },
};

/** A row's cells by field, and where a field's cell is ("kolom 'Uitkomst' (C5)") for messages. */
export type Cells = { get(key: Key): CellValue; where(key: Key): string };

/** A row read as a decision: the command without `by` and `note`, what makes two rows the same decision, and how to say it. */
interface Decision {
  command: Record<string, unknown>;
  /** Two rows for one track with the same key are one decision (the second is 'unchanged'). */
  key: string;
  /** The decision in words: "positief, niveau A". */
  words: string;
  /** Text for the note beside the file and row (toelichting, who signed and when). */
  note?: string;
  /** The row asks nothing (a signature export's ONWAAR row): this is why. */
  skip?: string;
}

export interface KindSpec {
  columns: Key[];
  /** "een beoordeling": what the track must wait for (words/nl-imports.ts `what`). */
  what: string;
  /** The catalogue's command a row becomes; the track takes it when its status view `accepts` it. */
  command: Command;
  /** The history event that records this decision on a track. */
  event: string;
  read(cells: Cells): Decision;
  /** How the history entry recorded it, to compare with the row's key; undefined when it cannot tell. */
  recorded(text: string, view: ProviderStatusView): { key: string; words: string };
}
const OUTCOMES: Record<string, 'positive' | 'negative'> = { positief: 'positive', positive: 'positive', pos: 'positive', '+': 'positive', negatief: 'negative', negative: 'negative', neg: 'negative', '-': 'negative' };

function outcomeOf(cells: Cells): 'positive' | 'negative' {
  const text = readText(cells.get('outcome'));
  if (!text) throw new RowProblem(`${cells.where('outcome')}: ${t.noOutcome}`);
  const outcome = OUTCOMES[text.toLowerCase()];
  if (!outcome) throw new RowProblem(`${cells.where('outcome')}: ${t.notAnOutcome(quoted(text))}`);
  return outcome;
}

/** How the history entry says a refusal (workflows/texts.ts: "offer refused: <reason>"). */
const REFUSED = 'offer refused: ';

export const SPECS: Record<ImportKind, KindSpec> = {
  assessments: {
    columns: ['agbCode', 'policy', 'contractKind', 'outcome', 'tier', 'reason', 'note'],
    what: t.what.assessments,
    command: COMMANDS.assess,
    event: 'ASSESSED',
    read(cells) {
      const outcome = outcomeOf(cells);
      const tierText = readText(cells.get('tier'))?.toUpperCase();
      if (tierText !== undefined && !/^[A-D]$/.test(tierText)) throw new RowProblem(`${cells.where('tier')}: ${t.notATier(quoted(tierText))}`);
      const reason = readText(cells.get('reason'));
      if (outcome === 'negative' && !reason) throw new RowProblem(`${cells.where('reason')}: ${t.negativeNeedsReason}`);
      const tier = tierText as 'A' | 'B' | 'C' | 'D' | undefined;
      return {
        command: { outcome, ...(tier ? { tier } : {}), ...(reason ? { reason } : {}) },
        key: `${outcome}${tier ? `/${tier}` : ''}`,
        words: t.assessed(outcome, tier),
        note: readText(cells.get('note')),
      };
    },
    recorded(text, view) {
      const m = /^assessed (positive|negative)(?:, tier ([A-D]))?/.exec(text);
      const outcome = m?.[1] as 'positive' | 'negative' | undefined;
      const tier = m?.[2] ?? (outcome === 'positive' ? view.tier : undefined);
      return { key: outcome ? `${outcome}${tier ? `/${tier}` : ''}` : text, words: outcome ? t.assessed(outcome, tier) : text };
    },
  },
  'conversation-outcomes': {
    columns: ['agbCode', 'policy', 'contractKind', 'outcome', 'note'],
    what: t.what['conversation-outcomes'],
    command: COMMANDS.outcome,
    event: 'CONVERSATION_RECORDED',
    read(cells) {
      const outcome = outcomeOf(cells);
      return { command: { outcome }, key: outcome, words: t.outcomes[outcome], note: readText(cells.get('note')) };
    },
    recorded(text) {
      const outcome = /recorded as (positive|negative)/.exec(text)?.[1] as 'positive' | 'negative' | undefined;
      return { key: outcome ?? text, words: outcome ? t.outcomes[outcome] : text };
    },
  },
  refusals: {
    columns: ['agbCode', 'policy', 'contractKind', 'reason', 'note'],
    what: t.what.refusals,
    command: COMMANDS.refuse,
    event: 'OFFER_REFUSED',
    read(cells) {
      const reason = readText(cells.get('reason'));
      if (!reason) throw new RowProblem(`${cells.where('reason')}: ${t.noReason}`);
      // A refusal is a refusal: two rows with other words for the reason are one decision.
      return { command: { reason }, key: 'refused', words: t.refused(reason), note: readText(cells.get('note')) };
    },
    recorded(text) {
      return { key: 'refused', words: text.startsWith(REFUSED) ? t.refused(text.slice(REFUSED.length)) : text };
    },
  },
  signatures: {
    columns: ['agbCode', 'policy', 'contractKind', 'signed', 'signedOn', 'signedBy', 'note'],
    what: t.what.signatures,
    command: COMMANDS.sign,
    event: 'CONTRACT_SIGNED',
    read(cells) {
      let signed: boolean | undefined;
      let signedOn: string | undefined;
      try {
        signed = readYesNo(cells.get('signed'));
      } catch (err) {
        throw new RowProblem(`${cells.where('signed')}: ${(err as Error).message}`);
      }
      try {
        signedOn = readDate(cells.get('signedOn'));
      } catch (err) {
        throw new RowProblem(`${cells.where('signedOn')}: ${(err as Error).message}`);
      }
      const signedBy = readText(cells.get('signedBy'));
      const note = [signedBy || signedOn ? t.signedNote(signedBy, signedOn && formatDutchDay(signedOn)) : undefined, readText(cells.get('note'))].filter(Boolean).join('; ');
      return { command: {}, key: 'signed', words: t.signed, note: note || undefined, ...(signed ? {} : { skip: t.notSigned(signed) }) };
    },
    recorded() {
      return { key: 'signed', words: t.signed };
    },
  },
};

/** A problem with one row, its message naming the column. */
export class RowProblem extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The columns each kind reads, Dutch name first: docs/imports.md lists the same. */
export function importColumns(kind: ImportKind): { name: string; also: string[]; required: boolean }[] {
  return SPECS[kind].columns.map((k) => ({ name: COLUMN[k].names[0]!, also: COLUMN[k].names.slice(1), required: Boolean(COLUMN[k].required) }));
}
