/**
 * The words staff read, in one place: one dictionary per language with the same keys (nl.ts is
 * the shape, en.ts has its type). `wordsFor(lang)` is the dictionary a page or a report reads;
 * docs/words.md says where a word goes and how to add one.
 */
import { en } from './en';
import type { PlanStep } from '../policies/policy';
import { nl, type Words } from './nl';

export type { Words, SigningRuleWords } from './nl';
export type { Day } from './shared';

/** The languages staff can read the product in; Dutch is the default. */
export const LANGUAGES = ['nl', 'en'] as const;
/** A language staff can read the product in. */
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Words> = { nl, en };

/** The dictionary of a language. */
export function wordsFor(language: Language): Words {
  return DICTIONARIES[language];
}

/** A planning step as staff read it: its name, the contract kinds it is for, and the policy's own words, e.g. "aanbod in VECOZO (haarwerken), 2e helft augustus 2027". */
export function stepText(language: Language, step: Pick<PlanStep, 'step' | 'when' | 'kinds'>): string {
  return `${wordsFor(language).steps[step.step]}${step.kinds?.length ? ` (${step.kinds.join(', ')})` : ''}, ${step.when}`;
}

/** A word of a table by a key from data that may not be one of its own (a portal message's kind): the word, or the key itself. */
export function wordOr<T extends Record<string, string>>(table: T, key: string): string {
  return (Object.hasOwn(table, key) ? table[key as keyof T] : undefined) ?? key;
}
