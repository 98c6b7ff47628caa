/**
 * What the transparency check says (policies/transparency.ts), in English for engineers; the
 * Dutch (nl-transparency.ts) is the shape.
 */
import type { StudyTime, TransparencyGap, TransparencyItem, TransparencyWarning } from '../policies/transparency';
import type { nlTransparency } from './nl-transparency';
import type { Day } from './shared';

const where = (s: StudyTime) => s.where.map((w) => `${w.kind} (${w.tracks.join(', ')})`).join('; ');

export const enTransparency: typeof nlTransparency = {
  transparency: {
    article: (item: TransparencyItem) => (item === 'published' ? 'NZa transparency rule (TH/NR-021), art. 4' : `NZa transparency rule (TH/NR-021), art. 4 item ${{ phases: 1, reachability: 2, 'quality-policy': 3, 'minimum-requirements': 4 }[item]}`),
    gap: (g: TransparencyGap, day: Day): string => {
      switch (g.item) {
        case 'published':
          return g.problem === 'missing'
            ? 'the publication date of the policy is missing (published.date): the policy must be public by 1 April of the year before the contract year'
            : `the policy was published on ${day(g.date)}, after 1 April (due ${day(g.due)})`;
        case 'phases':
          return g.problem === 'no-signing-deadline'
            ? `${g.kind} (${g.tracks.join(', ')}): no signing deadline in the calendar: the provider is not told within which term to answer the offer`
            : `${g.kind} (${g.tracks.join(', ')}): no questionnaire deadline in the calendar`;
        case 'reachability':
          return 'how the insurer is reached is missing (contact: e-mail address, phone, with its source)';
        case 'quality-policy':
          return 'the quality policy of the purchase is missing (qualityPolicy: text and source)';
        case 'minimum-requirements':
          return `${g.kind}: no minimum requirements (no condition, exclusion, Vektis registration or certificate for this contract kind)`;
      }
    },
    warning: (w: TransparencyWarning, day: Day): string =>
      w.problem === 'assumed'
        ? `publication date ${day(w.date)} is not in the policy text but assumed (${w.why}): check it against the published document`
        : `the answer target is not in the file (answerWithinWorkingDays): the default of ${w.days} working days applies, but the published policy must state it`,
    studyTime: (s: StudyTime): string =>
      s.rule === 'weeks-after-offer'
        ? `${s.days! / 7} weeks (${s.days} days) between the offer and the signing deadline ('${s.signing}'): ${where(s)}`
        : s.rule === 'after-dated-offer'
          ? `${s.days} days between the last offer day ('${s.offer}') and the signing deadline ('${s.signing}'): ${where(s)}`
          : `the calendar fixes no study time: offer ${s.offer ? `'${s.offer}'` : 'undated'}, sign by '${s.signing}' (an offer after that day gets four weeks): ${where(s)}`,
    answerTarget: (days: number) => `questions and applications answered within ${days} working days (answerWithinWorkingDays)`,
    title: "The NZa's transparency rule",
    refused: (id: string, n: number) => `${id} is published but lacks ${n} item(s) the NZa's transparency rule asks for; the campaign does not start`,
    draftOnly: 'a draft: this must be right before the policy is published',
    shortTitle: 'Offers with less study time than promised',
    shortIntro: (n: number) => (n === 0 ? 'None: every open offer has at least the study time the policy promises.' : `${n} open offer(s) have less time between the offer and the signing deadline than the policy promises, for example after a deadline moved earlier.`),
    offeredOn: 'Offered on',
    signingDeadline: 'Signing deadline',
    days: 'Study time (days)',
    promised: 'Promised (days)',
  },
};
