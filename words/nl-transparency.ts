/**
 * What the transparency check says (policies/transparency.ts), in Dutch: what the NZa's rule asks
 * a published purchasing policy to say and the edition lacks, the terms it gives, and the season
 * overview's list of offers with less study time than promised. The English
 * (en-transparency.ts) has this part's type.
 */
import type { StudyTime, TransparencyGap, TransparencyItem, TransparencyWarning } from '../policies/transparency';
import type { Day } from './shared';

const NUMBERS = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'];
const count = (n: number) => NUMBERS[n] ?? String(n);
const where = (s: StudyTime) => s.where.map((w) => `${w.kind} (${w.tracks.join(', ')})`).join('; ');

export const nlTransparency = {
  transparency: {
    /** The article item an item answers, as the rule numbers it. */
    article: (item: TransparencyItem) => (item === 'published' ? 'NZa-regeling transparantie zorginkoopproces, art. 4' : `NZa-regeling transparantie zorginkoopproces, art. 4 onder ${{ phases: 1, reachability: 2, 'quality-policy': 3, 'minimum-requirements': 4 }[item]}`),
    gap: (g: TransparencyGap, day: Day): string => {
      switch (g.item) {
        case 'published':
          return g.problem === 'missing'
            ? 'de publicatiedatum van het inkoopbeleid ontbreekt (published.date): het beleid moet uiterlijk 1 april van het jaar voor het contractjaar bekend zijn'
            : `het inkoopbeleid is gepubliceerd op ${day(g.date)}, na 1 april (uiterlijk ${day(g.due)})`;
        case 'phases':
          return g.problem === 'no-signing-deadline'
            ? `${g.kind} (${g.tracks.join(', ')}): geen uiterste tekendatum in de planning: de zorgaanbieder weet niet binnen welke termijn hij op het aanbod moet reageren`
            : `${g.kind} (${g.tracks.join(', ')}): geen uiterste datum voor de vragenlijst in de planning`;
        case 'reachability':
          return 'hoe de zorgverzekeraar bereikbaar is ontbreekt (contact: e-mailadres, telefoon, met de bron)';
        case 'quality-policy':
          return 'het kwaliteitsbeleid bij de zorginkoop ontbreekt (qualityPolicy: tekst en bron)';
        case 'minimum-requirements':
          return `${g.kind}: geen minimumeisen (geen voorwaarden, uitsluitingen, Vektis-registratie of certificaten voor deze contractsoort)`;
      }
    },
    warning: (w: TransparencyWarning, day: Day): string =>
      w.problem === 'assumed'
        ? `publicatiedatum ${day(w.date)} staat niet in de beleidstekst maar is aangenomen (${w.why}): controleer haar met het gepubliceerde document`
        : `de antwoordtermijn staat niet in het bestand (answerWithinWorkingDays): de standaard van ${w.days} werkdagen geldt, maar het gepubliceerde beleid moet haar noemen`,
    studyTime: (s: StudyTime): string =>
      s.rule === 'weeks-after-offer'
        ? `${count(s.days! / 7)} weken (${s.days} dagen) tussen aanbod en uiterste tekendatum ('${s.signing}'): ${where(s)}`
        : s.rule === 'after-dated-offer'
          ? `${s.days} dagen tussen de laatste aanboddag ('${s.offer}') en de uiterste tekendatum ('${s.signing}'): ${where(s)}`
          : `de planning legt geen bedenktijd vast: aanbod ${s.offer ? `'${s.offer}'` : 'zonder datum'}, tekenen uiterlijk '${s.signing}' (een aanbod na die datum krijgt vier weken): ${where(s)}`,
    answerTarget: (days: number) => `antwoord op vragen en aanvragen binnen ${days} werkdagen (answerWithinWorkingDays)`,
    title: 'Transparantieregel van de NZa',
    refused: (id: string, n: number) => `${id} is gepubliceerd, maar mist ${n === 1 ? 'een onderdeel dat' : `${n} onderdelen die`} de transparantieregel van de NZa vraagt; de campagne start niet`,
    draftOnly: 'een concept: dit moet in orde zijn voordat het beleid gepubliceerd wordt',
    shortTitle: 'Aanbiedingen met minder bedenktijd dan beloofd',
    shortIntro: (n: number) => (n === 0 ? 'Geen: elk open aanbod heeft minstens de bedenktijd die het beleid belooft.' : `${n} open ${n === 1 ? 'aanbod heeft' : 'aanbiedingen hebben'} minder tijd tussen aanbod en uiterste tekendatum dan het beleid belooft, bijvoorbeeld na een vervroegde termijn.`),
    offeredOn: 'Aanbod verstuurd op',
    signingDeadline: 'Uiterste tekendatum',
    days: 'Bedenktijd (dagen)',
    promised: 'Beloofd (dagen)',
  },
};
