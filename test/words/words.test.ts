/**
 * The two dictionaries have the same keys, all the way down: a word missing in English (or one
 * English has that Dutch has not) fails here, and is a type error too (en.ts has nl.ts's type).
 */
import { LANGUAGES, stepText, wordOr, wordsFor, type Words } from '../../words';
import { en } from '../../words/en';
import { nl } from '../../words/nl';
import { dayText } from '../../web/console/server';
import { IMPORT_WORDS } from '../../imports/cells';

/** Every key path of a dictionary, a function or a string being a leaf. */
function keysOf(value: unknown, at = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value).flatMap(([k, v]) => keysOf(v, at ? `${at}.${k}` : k));
  return [at];
}

test('Dutch and English have the same words: none missing, none extra', () => {
  const dutch = keysOf(nl);
  expect(dutch.length).toBeGreaterThan(300);
  expect(keysOf(en)).toEqual(dutch);
});

test('the comparison finds a missing and an extra word', () => {
  const { appName: _dropped, ...missing } = en;
  expect(keysOf(missing)).not.toEqual(keysOf(nl));
  expect(keysOf({ ...en, nav: { ...en.nav, extra: 'x' } })).not.toEqual(keysOf(nl));
  // @ts-expect-error a dictionary without one of the Dutch keys is no dictionary
  const typed: Words = missing;
  expect(typed).toBeDefined();
});

test('every word is said: no empty strings in either language', () => {
  for (const lang of LANGUAGES) {
    const empty = keysOf(wordsFor(lang)).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], wordsFor(lang)) === '');
    expect(empty).toEqual([]);
  }
});

test("the signing rule in the reader's language, days as the product writes them", () => {
  const day = (lang: 'nl' | 'en') => (d: string) => dayText(d, lang);
  expect(wordsFor('nl').signingRule({ kind: 'weeks-after-offer', weeks: 4 }, day('nl'))).toBe('binnen 4 weken na het aanbod ondertekenen');
  expect(wordsFor('nl').signingRule({ kind: 'fixed', date: '2027-11-08' }, day('nl'))).toBe('uiterlijk maandag 8 november 2027 ondertekenen');
  expect(wordsFor('en').signingRule({ kind: 'weeks-after-offer', weeks: 4 }, day('en'))).toBe('sign within 4 weeks of the offer');
});

test('a planning step as staff read it', () => {
  expect(stepText('nl', { step: 'offer', when: '2e helft augustus 2027', kinds: ['haarwerken'] })).toBe('aanbod in VECOZO (haarwerken), 2e helft augustus 2027');
  expect(stepText('en', { step: 'signing-deadline', when: '4 weken na dagtekening' })).toBe('signing deadline, 4 weken na dagtekening');
});

test("a word by a key from data: the word, or the key itself (never a prototype's property)", () => {
  expect(wordOr(wordsFor('nl').messageKinds, 'offer')).toBe('Aanbod');
  expect(wordOr(wordsFor('en').messageKinds, 'offer')).toBe('Offer');
  expect(wordOr(wordsFor('nl').messageKinds, 'fax')).toBe('fax');
  expect(wordOr(wordsFor('nl').messageKinds, 'constructor')).toBe('constructor');
});

test("the imports' messages: Dutch in the reports, the same message in English", () => {
  expect(IMPORT_WORDS).toBe(wordsFor('nl').imports);
  const report = { applied: false, kind: 'assessments', fileName: 'a.csv', encoding: 'windows-1252', counts: { changed: 0, unchanged: 1, errors: 1, ready: 197 } };
  expect(wordsFor('nl').imports.summary(report)).toBe('proefimport (niets verstuurd) assessments uit a.csv (windows-1252): 197 klaar, 1 ongewijzigd, 1 fout');
  expect(wordsFor('en').imports.summary(report)).toBe('dry run (nothing sent) assessments from a.csv (windows-1252): 197 ready, 1 unchanged, 1 error');
  expect(wordsFor('nl').imports.tooManyRows('het bestand', 20_000)).toBe('het bestand heeft meer dan 20.000 rijen; een import leest er hoogstens 20.000: splits het bestand');
  expect(wordsFor('en').imports.tooManyRows('the file', 20_000)).toBe('the file has more than 20,000 rows; an import reads at most 20,000: split the file');
});
