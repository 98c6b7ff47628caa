/**
 * Which track a provider's e-mail is about, read from its subject. Every policy asks for it:
 * "Vermeld bij het versturen van uw e-mail in het onderwerp duidelijk uw AGB-code en zorgsoort"
 * (000 s5, 001 s2.7, 002 s5, 003 s5, 004 s5). Providers write it in their own way, so the subject
 * is read as they really write it (docs/decisions.md, "A provider's e-mail subject"):
 *
 * - "AGB 01234567 fysiotherapie", "01234567 - Logopedie", "AGB-code: 01234567 (fysio)";
 * - a code that lost its leading zero on the way (a spreadsheet's doing): "1234567" is 01234567,
 *   said so, as the imports do;
 * - a reply or a forward ("Re:", "Antw:", "Fwd:", "Doorst:"), once or more, is marked as one;
 * - the care type or contract kind by its id or its name in the edition ("Kraamzorg"), or a
 *   one-word id or name by its start, at least four letters ("fysio", "logo", "kraam"); a kind
 *   named in full wins over one only started.
 *
 * Pure: the caller gives the editions' words (`subjectVocabulary`) and decides what to do with a
 * subject that names no code, or more than one.
 */
import type { Policy } from './policy';

/** The words that name one care type and its contract kinds, from the editions. */
export interface SubjectWords {
  careType: string;
  /** The care type's own words: its id and the edition's title without the year ("Paramedische zorg"). */
  names: string[];
  kinds: { id: string; names: string[] }[];
}

/** What a subject says about its track. */
export interface SubjectReading {
  /** Every AGB code the subject names, 8 digits each, in the order written. */
  agbCodes: string[];
  /** A code written with fewer than 8 digits, read with its leading zeros back. */
  lostZeros?: { read: string; code: string };
  /** The care types the subject names, directly or through a contract kind. */
  careTypes: string[];
  /** The contract kinds the subject names, as `careType/kind`. */
  kinds: string[];
  /** "Re:", "Antw:", "Fwd:": a reply or a forward, placed by its thread where it has one. */
  reply: boolean;
  /** The subject without its reply prefixes. */
  text: string;
}

/** The care types' words from the editions (one entry per care type, the kinds of all its editions). */
export function subjectVocabulary(editions: readonly Pick<Policy, 'careType' | 'title' | 'contractKinds'>[]): SubjectWords[] {
  const byCareType = new Map<string, SubjectWords>();
  for (const e of editions) {
    const words = byCareType.get(e.careType) ?? { careType: e.careType, names: [e.careType], kinds: [] };
    const title = e.title.replace(/\s*\d{4}\s*$/, '');
    if (!words.names.includes(title)) words.names.push(title);
    for (const k of e.contractKinds) {
      const known = words.kinds.find((w) => w.id === k.id);
      if (known) {
        if (!known.names.includes(k.name)) known.names.push(k.name);
      } else words.kinds.push({ id: k.id, names: [k.id, k.name] });
    }
    byCareType.set(e.careType, words);
  }
  return [...byCareType.values()];
}

const REPLY = /^\s*(?:re|antw|aw|fw|fwd|doorst|wg)\s*(?:\[\d+\])?\s*:\s*/i;
/** A word as people write it: letters (with accents), nothing else. */
const wordsOf = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/[^a-z]+/).filter(Boolean);
const MIN_PREFIX = 4;

/**
 * How the subject's words name `name`: 'exact' (all its words in a row: "paramedische zorg",
 * "kraamzorg"), 'prefix' (a one-word name started by a subject word of four letters or more:
 * "fysio", "kraam"), or not at all.
 */
function naming(subject: string[], name: string): 'exact' | 'prefix' | undefined {
  const wanted = wordsOf(name);
  if (!wanted.length) return undefined;
  for (let i = 0; i + wanted.length <= subject.length; i++) if (wanted.every((w, j) => subject[i + j] === w)) return 'exact';
  if (wanted.length === 1 && subject.some((w) => w.length >= MIN_PREFIX && wanted[0]!.startsWith(w))) return 'prefix';
  return undefined;
}

/** The best of the names' namings: exact before prefix. */
function best(subject: string[], names: readonly string[]): 'exact' | 'prefix' | undefined {
  const found = names.map((n) => naming(subject, n));
  return found.includes('exact') ? 'exact' : found.includes('prefix') ? 'prefix' : undefined;
}

/** Reads a subject (see the module's comment). */
export function readSubject(subject: string, vocabulary: readonly SubjectWords[]): SubjectReading {
  let text = subject;
  let reply = false;
  while (REPLY.test(text)) {
    text = text.replace(REPLY, '');
    reply = true;
  }
  text = text.trim();
  // AGB codes: runs of 7 or 8 digits (a run of more is another number: a phone, an order).
  const codes: string[] = [];
  let lostZeros: SubjectReading['lostZeros'];
  for (const m of text.matchAll(/(?<!\d)(\d{7,8})(?!\d)/g)) {
    const read = m[1]!;
    const code = read.padStart(8, '0');
    if (read.length < 8) lostZeros ??= { read, code };
    if (!codes.includes(code)) codes.push(code);
  }
  const words = wordsOf(text);
  const careTypes = new Set<string>();
  const named: { kind: string; careType: string; how: 'exact' | 'prefix' }[] = [];
  for (const v of vocabulary) {
    if (best(words, v.names)) careTypes.add(v.careType);
    for (const k of v.kinds) {
      const how = best(words, k.names);
      if (how) named.push({ kind: `${v.careType}/${k.id}`, careType: v.careType, how });
    }
  }
  // A kind named exactly ("kraamzorg") wins over one only started ("kraamzorg-bemiddeling").
  const exact = named.filter((n) => n.how === 'exact');
  const kinds = (exact.length ? exact : named).map((n) => {
    careTypes.add(n.careType);
    return n.kind;
  });
  return { agbCodes: codes, ...(lostZeros ? { lostZeros } : {}), careTypes: [...careTypes], kinds, reply, text };
}
