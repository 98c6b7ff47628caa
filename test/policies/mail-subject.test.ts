/**
 * 000 s5, 001 s2.7, 002-004 s5: "Vermeld bij het versturen van uw e-mail in het onderwerp
 * duidelijk uw AGB-code en zorgsoort". The subject is read as providers write it
 * (policies/mail-subject.ts; docs/decisions.md, "A provider's e-mail subject").
 */
import { readSubject, subjectVocabulary } from '../../policies/mail-subject';
import { edition } from '../helpers/editions';

const vocabulary = subjectVocabulary(['zg-2026', 'paramedisch-2027', 'farmacie-2026', 'hulpmiddelen-2026', 'geboortezorg-2026'].map((id) => edition(id)));
const read = (subject: string) => readSubject(subject, vocabulary);

test('000 s5 / 001 s2.7: "AGB 01234567 fysiotherapie" names the code and the contract kind (and so the care type)', () => {
  expect(read('AGB 01234567 fysiotherapie')).toMatchObject({ agbCodes: ['01234567'], careTypes: ['paramedisch'], kinds: ['paramedisch/fysiotherapie'], reply: false });
});

test('001 s2.7: "01234567 - Logopedie" (no "AGB", a dash, a capital) is read the same way', () => {
  expect(read('01234567 - Logopedie')).toMatchObject({ agbCodes: ['01234567'], kinds: ['paramedisch/logopedie'] });
});

test('a code that lost its leading zero (7 digits) is read with the zero back, and says so', () => {
  expect(read('Vraag over aanbod AGB 1234567 fysio')).toMatchObject({ agbCodes: ['01234567'], lostZeros: { read: '1234567', code: '01234567' }, kinds: ['paramedisch/fysiotherapie'] });
});

test('a reply or forward ("Re:", "Antw:", "Fwd: RE:") is marked as one, its prefixes taken off', () => {
  expect(read('Re: AGB 01234567 fysiotherapie')).toMatchObject({ reply: true, text: 'AGB 01234567 fysiotherapie', agbCodes: ['01234567'] });
  expect(read('Fwd: RE: Antw: 01234567 Kraamzorg')).toMatchObject({ reply: true, text: '01234567 Kraamzorg', careTypes: ['geboortezorg'], kinds: ['geboortezorg/kraamzorg'] });
});

test('003 s5 / 002 s5: the care type by its own name ("Farmacie", "Hulpmiddelen", "ZG") without a contract kind', () => {
  expect(read('AGB 01234567 Farmacie')).toMatchObject({ careTypes: ['farmacie'] });
  expect(read('01234567 hulpmiddelen vraag')).toMatchObject({ careTypes: ['hulpmiddelen'] });
  expect(read('AGB 01234567 ZG')).toMatchObject({ careTypes: ['zg'] });
});

test('a subject without a code names none; two codes are both named (the caller does not guess)', () => {
  expect(read('Vraag over de inkoop 2027')).toMatchObject({ agbCodes: [] });
  expect(read('AGB 01234567 en 07654321 logopedie').agbCodes).toEqual(['01234567', '07654321']);
  // A longer number (a phone number, an order) is not a code.
  expect(read('bel 0612345678 over logopedie').agbCodes).toEqual([]);
});

test('a short word is no name: "over", "zorg" or "de" names no care type or kind', () => {
  expect(read('01234567 vraag over de zorg')).toMatchObject({ careTypes: [], kinds: [] });
});
