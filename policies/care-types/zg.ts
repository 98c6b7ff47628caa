/**
 * Zintuiglijk gehandicaptenzorg (ZG, sensory-disability care): the rules, written once for every
 * year's edition (editions/zg-*.yaml). First edition: ../shared/seeds/000_4af25b5be7b4daf8.txt
 * (sections 3 conditions, 4 procedure, 5 planning).
 *
 * A running multi-year contract gets nothing; a provider contracted the year before, registered at
 * Vektis and holding a VECOZO certificate is invited to the individual purchase conversation; one
 * without a contract that applied by the application deadline is assessed (application track);
 * anyone else is not approached.
 */
import { z } from 'zod';
import { compareDays, formatDay } from '../calendar';
import { decide, type Decision } from '../decision';
import { editionSchema, RuleSourceSchema } from '../policy';
import type { Provider } from '../provider';
import { reasonsOf } from '../rules';

/** A ZG edition: the shared fields; ZG has no thresholds or kind properties of its own. */
export const schema = editionSchema('zg', {
  kind: {},
  thresholds: z.strictObject({}).default({}),
  rules: z.strictObject({
    /** A ZG contract covering the contract year runs on. */
    'running-contract': RuleSourceSchema,
    /** The previous year's contract decides who is approached. */
    'contract-previous-year': RuleSourceSchema,
    'vektis-registration': RuleSourceSchema,
    'vecozo-certificate': RuleSourceSchema,
    /** An application by the application deadline; `quotes.late` for one after it. */
    'application-in-time': RuleSourceSchema.extend({ quotes: z.strictObject({ late: z.string() }) }),
    /** The conditions judged in the purchase conversation. */
    conditions: RuleSourceSchema,
  }),
});

/** A validated ZG edition. */
export type ZgEdition = z.infer<typeof schema> & { revision?: string };

/** The kinds a provider gets a decision for, without deciding: ZG's one kind, for every provider. */
export function kindsFor(edition: ZgEdition, _provider: Provider): ZgEdition['contractKinds'][number][] {
  return edition.contractKinds.slice(0, 1);
}

/** Decides a provider's ZG track under an edition (one contract kind). */
export function evaluate(edition: ZgEdition, provider: Provider): Decision[] {
  const year = edition.contractYear;
  const kind = edition.contractKinds[0]!;
  const reason = reasonsOf(edition);
  const zgContracts = provider.contracts.filter((c) => c.careType === 'zg');
  const covers = (y: number) => zgContracts.find((c) => c.fromYear <= y && y <= c.toYear);
  const one = (track: Decision['track'], reasons: Decision['reasons']) => [decide(edition, provider.agbCode, kind, track, reasons)];

  const running = covers(year);
  if (running) {
    return one('running-contract', [reason('running-contract', false, { en: `ZG contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`, nl: `ZG-contract ${running.fromYear}-${running.toYear} loopt door in ${year}: geen nieuw aanbod voor ${year}` })]);
  }

  const reasons = [
    reason('vektis-registration', provider.vektisRegistered, provider.vektisRegistered ? { en: 'registered at Vektis', nl: 'geregistreerd bij Vektis' } : { en: 'no valid Vektis registration', nl: 'geen geldige registratie bij Vektis' }),
    reason('vecozo-certificate', provider.vecozoCertificate, provider.vecozoCertificate ? { en: 'holds a VECOZO certificate', nl: 'heeft een VECOZO-certificaat' } : { en: 'no VECOZO certificate: no offer can be sent', nl: 'geen VECOZO-certificaat: er kan geen aanbod worden verstuurd' }),
  ];
  const previous = covers(year - 1);
  const deadline = edition.calendar.find((st) => st.step === 'application-deadline');
  const appliedBy = deadline && deadline.date.kind === 'by' ? deadline.date.date : undefined;

  if (previous) {
    reasons.unshift(reason('contract-previous-year', true, { en: `had a ZG contract in ${year - 1} (${previous.fromYear}-${previous.toYear})`, nl: `had in ${year - 1} een ZG-contract (${previous.fromYear}-${previous.toYear})` }));
  } else if (provider.application && appliedBy && compareDays(provider.application.receivedOn, appliedBy) <= 0) {
    reasons.unshift(
      reason('application-in-time', true, {
        en: `no ZG contract in ${year - 1}; applied on ${provider.application.receivedOn}, by ${appliedBy}: assessed, documents may be asked`,
        nl: `geen ZG-contract in ${year - 1}; aangemeld op ${formatDay(provider.application.receivedOn)}, uiterlijk ${formatDay(appliedBy)}: wordt beoordeeld, documenten kunnen worden opgevraagd`,
      }),
    );
    if (reasons.some((r) => !r.met)) return one('not-approached', reasons);
    return one('application', reasons);
  } else if (provider.application) {
    reasons.unshift(
      reason(
        'application-in-time',
        false,
        {
          en: `applied on ${provider.application.receivedOn}, after ${appliedBy}: no new ZG contracts during the contract year`,
          nl: `aangemeld op ${formatDay(provider.application.receivedOn)}, na ${appliedBy ? formatDay(appliedBy) : 'de aanmelddatum'}: geen nieuwe ZG-contracten tijdens het contractjaar`,
        },
        'late',
      ),
    );
  } else {
    reasons.unshift(
      reason('contract-previous-year', false, {
        en: `no ZG contract in ${year - 1}: not approached; may apply by ${appliedBy ?? 'the application date'} through the application form`,
        nl: `geen ZG-contract in ${year - 1}: niet benaderd; kan zich ${appliedBy ? `uiterlijk ${formatDay(appliedBy)}` : 'tot de aanmelddatum'} aanmelden via het aanmeldformulier`,
      }),
    );
  }
  if (reasons.some((r) => !r.met)) return one('not-approached', reasons);

  reasons.push(
    reason('conditions', true, {
      en: 'the chapter-3 conditions (standards, qualified staff, waiting times, treatment plan, VECOZO claims, digital care, client satisfaction) are judged in the purchase conversation',
      nl: 'de voorwaarden van hoofdstuk 3 (normen, gekwalificeerd personeel, wachttijden, behandelplan, declareren via VECOZO, digitale zorg, cliënttevredenheid) worden in het inkoopgesprek beoordeeld',
    }),
  );
  return one('negotiation', reasons);
}
