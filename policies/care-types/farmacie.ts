/**
 * Farmacie (pharmaceutical care, with the medical supplies and dietary products pharmacies
 * deliver): the rules, written once for every year's edition (editions/farmacie-*.yaml). First
 * edition: ../shared/seeds/002_6d18a9335088982c.txt (sections 3 conditions, 4 procedure, 5
 * planning); the readings of each edition's text: docs/policies/farmacie-<year>.md.
 *
 * Every contract kind plays a role the edition names:
 * - `pharmacy`: the basic contract every pharmacy is offered; a pharmacy in a group with one
 *   mandated representative whose member list arrived in time is negotiated, any other gets the
 *   offer directly;
 * - `emergency`: the same contract for emergency pharmacies, bought nationally: never negotiated;
 * - `digital`: supplies contracted digitally for pharmacies only: not negotiable, with a
 *   certificate and a complaints register checked from the record.
 * A running contract gets nothing; fraud suspicion, a data-analysis finding, the Vektis or VECOZO
 * rules (and a digital kind's conditions) stop a provider with every reason listed; a provider
 * without an offer that applies gets the application track, starting the first of the next month.
 */
import { z } from 'zod';
import { compareDays, formatDay, type IsoDate } from '../calendar';
import { decide, type Decision, type DecisionExtras, type Reason } from '../decision';
import { lateApplicationStart } from '../offer-terms';
import { latestDay } from '../plan-date';
import { editionSchema, planFor, RuleSourceSchema, type Track } from '../policy';
import { agbKind, OrganisationSchema, type Provider } from '../provider';
import { reasonsOf } from '../rules';
import { signingRuleOf } from '../signing';

/** A farmacie edition: the shared fields, each contract kind's role, the year's tables and where every rule is written. */
export const schema = editionSchema('farmacie', {
  kind: {
    /** Which rules apply to the kind: `pharmacy` (negotiable through a group), `emergency` (never negotiated) or `digital` (pharmacies only, not negotiable). */
    role: z.enum(['pharmacy', 'emergency', 'digital']),
    /** Every provider of these organisations is considered for the kind; absent: only a provider whose record names the kind. */
    offeredTo: z.array(OrganisationSchema).min(1).optional(),
    /** Running contracts filed under these other kinds count as this kind's own. */
    alsoFiledAs: z.array(z.string().min(1)).default([]),
    /** What the reasons call the kind's contract (absent: its name). */
    shortName: z.string().min(1).optional(),
    /** The VECOZO dossier the kind's offer is made under, where it has one of its own. */
    vecozoDossier: z.string().min(1).optional(),
    /** The conditions not checked from the record, accepted by signing the contract named. */
    acceptedBySigning: z.strictObject({ conditions: z.string().min(1), contract: z.string().min(1), conditionsNl: z.string().min(1), contractNl: z.string().min(1) }),
  },
  thresholds: z.strictObject({
    /** The organisations that count as pharmacies: the digital kinds are theirs only. */
    pharmacies: z.array(OrganisationSchema).min(1),
    /** The policy other suppliers of the digital kinds are referred to. */
    nonPharmacyPolicy: z.string().min(1),
  }),
  rules: z.strictObject({
    /** A running multi-year contract of a pharmacy or emergency kind: no new offer. */
    'running-contract': RuleSourceSchema,
    /** The same for a digital kind, whose procedure has a section of its own. */
    'digital-running-contract': RuleSourceSchema,
    /** A digital kind from a supplier that is not a pharmacy falls under another policy. */
    'digital-pharmacy-only': RuleSourceSchema,
    /** Suspected fraud: no contract of any kind. */
    'fraud-suspicion': RuleSourceSchema,
    /** A data-analysis or benchmarking finding: no pharmacy or emergency contract. */
    'data-analysis': RuleSourceSchema,
    /** The Vektis registration of the kind's Vektis table (pharmacy and emergency kinds). */
    'vektis-registration': RuleSourceSchema,
    /** The same for a digital kind. */
    'digital-vektis-registration': RuleSourceSchema,
    /** A VECOZO certificate: without one no offer can be sent (pharmacy and emergency kinds). */
    'vecozo-certificate': RuleSourceSchema,
    /** The same for a digital kind. */
    'digital-vecozo-certificate': RuleSourceSchema,
    /** An application from a provider without an offer: assessed, starting the first of the next month. */
    'late-application': RuleSourceSchema,
    /** Extra agreements need a group of pharmacies with one mandated representative. */
    'mandated-group': RuleSourceSchema,
    /** The group's member list must arrive by the calendar's member-list deadline. */
    'member-list-deadline': RuleSourceSchema,
    /** Extra agreements need a closing business case (judged in the conversation). */
    'business-case': RuleSourceSchema,
    /** Extra agreements must fit the purchasing policy (judged in the conversation). */
    'policy-fit': RuleSourceSchema,
    /** The group's representative is invited to the individual purchase conversation. */
    negotiation: RuleSourceSchema,
    /** An emergency kind is not negotiated, even for a member of a negotiation group. */
    'emergency-not-negotiated': RuleSourceSchema,
    /** A digital kind is not negotiable, even for a member of a negotiation group. */
    'digital-not-negotiable': RuleSourceSchema,
    /** A digital kind needs a valid certificate of each of the kind's certificate groups. */
    'digital-certificate': RuleSourceSchema,
    /** A digital kind needs a complaints procedure with a complaints register. */
    'digital-complaints-register': RuleSourceSchema,
    /** The conditions of a pharmacy or emergency kind, accepted by signing. */
    conditions: RuleSourceSchema,
    /** The conditions of a digital kind, accepted by signing. */
    'digital-conditions': RuleSourceSchema,
  }),
}).superRefine((edition, ctx) => {
  // A misspelt kind would silently stop a running contract from counting.
  const known = edition.contractKinds.map((k) => k.id);
  edition.contractKinds.forEach((kind, i) =>
    kind.alsoFiledAs.forEach((id, j) => {
      if (!known.includes(id)) ctx.addIssue({ code: 'custom', path: ['contractKinds', i, 'alsoFiledAs', j], message: `unknown contract kind '${id}' (known: ${known.join(', ')})` });
    }),
  );
});

/** A validated farmacie edition. */
export type FarmacieEdition = z.infer<typeof schema> & { revision?: string };

/** One contract kind of a farmacie edition, with its role. */
export type FarmacieKind = FarmacieEdition['contractKinds'][number];

type RuleKey = keyof FarmacieEdition['rules'];
type Role = FarmacieKind['role'];

/** The rules written twice, once in the pharmacy kinds' sections and once in the digital kinds' own. */
const PROCEDURE_RULES: Record<Role, Record<'running' | 'vektis' | 'vecozo' | 'conditions', RuleKey>> = {
  pharmacy: { running: 'running-contract', vektis: 'vektis-registration', vecozo: 'vecozo-certificate', conditions: 'conditions' },
  emergency: { running: 'running-contract', vektis: 'vektis-registration', vecozo: 'vecozo-certificate', conditions: 'conditions' },
  digital: { running: 'digital-running-contract', vektis: 'digital-vektis-registration', vecozo: 'digital-vecozo-certificate', conditions: 'digital-conditions' },
};

/** Decides a provider's tracks under a farmacie edition, one decision per contract kind it is considered for. */
export function evaluate(edition: FarmacieEdition, provider: Provider): Decision[] {
  return kindsFor(edition, provider).map((kind) => evaluateKind(edition, provider, kind));
}

/**
 * The kinds a provider is considered for, in the edition's order: a kind offered to its
 * organisation, and a kind offered to no organisation in particular (a digital kind) only where
 * the record names it (its contract kinds, an earlier contract of the kind, or an application
 * for it), so that a pharmacy that supplies none does not get a not-approached decision for each.
 */
export function kindsFor(edition: FarmacieEdition, p: Provider): FarmacieKind[] {
  const named = (id: string) =>
    p.contractKinds.includes(id) || p.contracts.some((c) => c.careType === edition.careType && c.kind === id) || (p.application?.kinds.includes(id) ?? false);
  return edition.contractKinds.filter((kind) => (kind.offeredTo ? kind.offeredTo.includes(p.organisation) : named(kind.id)));
}

/** The decision for one kind: a running contract first, then every stopping rule, then the track. */
function evaluateKind(edition: FarmacieEdition, p: Provider, kind: FarmacieKind): Decision {
  const reason = reasonsOf(edition);
  const procedure = PROCEDURE_RULES[kind.role];
  const one = (track: Track, reasons: Reason[], extras: DecisionExtras = {}) => decide(edition, p.agbCode, kind, track, reasons, extras);
  const year = edition.contractYear;

  const running = runningContract(edition, p, kind);
  if (running) {
    return one('running-contract', [
      reason(procedure.running, false, {
        en: `${kind.name}: contract ${running.fromYear}-${running.toYear} runs on in ${year}: no new offer for ${year}`,
        nl: `${kind.name}: contract ${running.fromYear}-${running.toYear} loopt door in ${year}: geen nieuw aanbod voor ${year}`,
      }),
    ]);
  }

  const outside = outOfScope(edition, p, kind);
  const reasons = outside ? [outside] : [];
  if (p.fraudSuspicion) reasons.push(reason('fraud-suspicion', false, { en: 'doubt about the integrity of care based on suspected fraud: no contract offered', nl: 'twijfel aan de integriteit van de zorg door een vermoeden van fraude: geen contract aangeboden' }));
  // Outside this policy: the Vektis and certificate rules of a pharmacy do not apply to the supplier.
  if (outside) return one('not-approached', reasons);
  const concern = p.pharmacy?.dataAnalysisConcern;
  // The finding stands among the pharmacy conditions: it does not touch the digital kinds.
  if (kind.role !== 'digital' && concern) {
    reasons.push(reason('data-analysis', false, { en: `data analysis and benchmarking give reason to offer no contract: ${concern}`, nl: `data-analyse en benchmarking geven reden om geen contract aan te bieden: ${concern}` }));
  }
  reasons.push(vektisReason(edition, p, kind), vecozoReason(edition, p, kind));
  if (kind.role === 'digital') reasons.push(...digitalConditions(edition, p, kind));
  if (reasons.some((r) => !r.met)) return one('not-approached', reasons);

  // An application for this kind (or for every kind when it names none), after every stopping rule.
  const application = p.application;
  if (application && (application.kinds.length === 0 || application.kinds.includes(kind.id))) {
    const startDate = lateApplicationStart(year, application.receivedOn);
    reasons.push(
      reason('late-application', true, {
        en: `applied on ${application.receivedOn}: assessed for added value in the region, documents may be asked; an offer starts on ${startDate}, never retroactively`,
        nl: `aangemeld op ${formatDay(application.receivedOn)}: beoordeeld op toegevoegde waarde in de regio, documenten kunnen worden opgevraagd; een aanbod gaat in op ${formatDay(startDate)}, nooit met terugwerkende kracht`,
      }),
      conditionsAccepted(edition, kind),
    );
    return one('application', reasons, { startDate });
  }

  if (kind.role === 'pharmacy') return pharmacyTrack(edition, p, kind, reasons);
  if (p.negotiationGroup) reasons.push(notNegotiated(edition, kind, p.negotiationGroup.name));
  reasons.push(conditionsAccepted(edition, kind));
  return one('direct-offer', reasons);
}

/** The provider's contract of the kind (or filed under a kind that counts as it) that covers the contract year. */
function runningContract(edition: FarmacieEdition, p: Provider, kind: FarmacieKind): Provider['contracts'][number] | undefined {
  const year = edition.contractYear;
  const counts = (filedAs: string) => filedAs === kind.id || kind.alsoFiledAs.includes(filedAs);
  return p.contracts.find((c) => c.careType === edition.careType && counts(c.kind) && c.fromYear <= year && year <= c.toYear);
}

/** A digital kind from a supplier that is not a pharmacy: referred to the other policy. */
function outOfScope(edition: FarmacieEdition, p: Provider, kind: FarmacieKind): Reason | undefined {
  if (kind.role !== 'digital' || edition.thresholds.pharmacies.includes(p.organisation)) return undefined;
  const policy = edition.thresholds.nonPharmacyPolicy;
  return reasonsOf(edition)('digital-pharmacy-only', false, {
    en: `${p.organisation} is not a pharmacy: ${kind.name} from non-pharmacy suppliers falls under the ${policy} policy, not this one`,
    nl: `${p.organisation} is geen apotheek: ${kind.name} van leveranciers die geen apotheek zijn valt onder het inkoopbeleid ${policy}, niet onder dit beleid`,
  });
}

/** The kind's Vektis registration: registered, a practice code of the kind's table and a practitioner of it attached. */
function vektisReason(edition: FarmacieEdition, p: Provider, kind: FarmacieKind): Reason {
  const vektis = kind.vektis;
  const codeOk = !vektis || vektis.practiceCodes.includes(agbKind(p.agbCode));
  const practitionerOk = !vektis || vektis.practitioner.codes.length === 0 || p.practitioners.some((pr) => vektis.practitioner.codes.includes(agbKind(pr.agbCode)));
  const ok = p.vektisRegistered && codeOk && practitionerOk;
  const problems = (nl: boolean) =>
    [
      !p.vektisRegistered && (nl ? 'geen geldige registratie bij Vektis' : 'no valid Vektis registration'),
      !codeOk && (nl ? `AGB ${p.agbCode} is geen apotheekcode (${vektis?.practiceCodes.join(', ')})` : `AGB ${p.agbCode} is not a pharmacy code (${vektis?.practiceCodes.join(', ')})`),
      !practitionerOk &&
        (nl ? `geen ${vektis?.practitioner.label} (AGB ${vektis?.practitioner.codes.join(', ')}) verbonden` : `no ${vektis?.practitioner.label} (AGB ${vektis?.practitioner.codes.join(', ')}) attached`),
    ]
      .filter(Boolean)
      .join('; ');
  const text = ok
    ? {
        en: `registered at Vektis as a pharmacy (AGB ${p.agbCode}) with an ${vektis?.practitioner.label ?? 'practitioner'} attached`,
        nl: `bij Vektis geregistreerd als apotheek (AGB ${p.agbCode}) met een ${vektis?.practitioner.label ?? 'zorgverlener'} verbonden`,
      }
    : { en: problems(false), nl: problems(true) };
  return reasonsOf(edition)(PROCEDURE_RULES[kind.role].vektis, ok, text);
}

/** A VECOZO certificate: the offer is sent through VECOZO. */
function vecozoReason(edition: FarmacieEdition, p: Provider, kind: FarmacieKind): Reason {
  const text = p.vecozoCertificate
    ? { en: 'holds a VECOZO certificate', nl: 'heeft een VECOZO-certificaat' }
    : { en: 'no VECOZO certificate: no offer can be sent', nl: 'geen VECOZO-certificaat: er kan geen aanbod worden verstuurd' };
  return reasonsOf(edition)(PROCEDURE_RULES[kind.role].vecozo, p.vecozoCertificate, text);
}

/**
 * A digital kind's conditions checked from the record: a certificate of every certificate group
 * (a name that begins with one of the group's, in any case) valid on the first day of the
 * contract year, and a complaints register. A comparable certificate is a staff judgment.
 */
function digitalConditions(edition: FarmacieEdition, p: Provider, kind: FarmacieKind): Reason[] {
  const reason = reasonsOf(edition);
  const start: IsoDate = `${edition.contractYear}-01-01`;
  const isValid = (c: Provider['certificates'][number]) => !c.validUntil || compareDays(c.validUntil, start) >= 0;
  const certificates = kind.certificates.map((group) => {
    const inGroup = (c: Provider['certificates'][number]) => group.some((g) => c.name.toUpperCase().startsWith(g.toUpperCase()));
    const held = p.certificates.find((c) => inGroup(c) && isValid(c));
    const expired = p.certificates.find((c) => inGroup(c) && !isValid(c));
    const text = held
      ? { en: `holds ${held.name}${held.validUntil ? ` (valid until ${held.validUntil})` : ''}`, nl: `heeft ${held.name}${held.validUntil ? ` (geldig tot en met ${formatDay(held.validUntil)})` : ''}` }
      : expired
        ? { en: `${expired.name} expired on ${expired.validUntil}, before ${start}`, nl: `${expired.name} verliep op ${formatDay(expired.validUntil!)}, vóór ${formatDay(start)}` }
        : {
            en: `no ${group.join(', ')} certificate on record; a comparable certificate is judged by staff on request`,
            nl: `geen certificaat ${group.join(', ')} bekend; een vergelijkbaar certificaat beoordelen medewerkers op verzoek`,
          };
    return reason('digital-certificate', !!held, text);
  });
  const register = p.pharmacy?.complaintsRegister === true;
  const registerText = register
    ? { en: 'keeps a complaints procedure and a complaints register', nl: 'heeft een klachtenprocedure en een klachtenregister' }
    : { en: 'no complaints procedure with a complaints register on record', nl: 'geen klachtenprocedure met klachtenregister bekend' };
  return [...certificates, reason('digital-complaints-register', register, registerText)];
}

/**
 * A pharmacy kind: negotiated when its group has a mandated representative and the group's
 * member list naming it arrived by the deadline; otherwise the contract is offered directly,
 * because every pharmacy is offered it (with the reason that kept it out of the negotiation).
 */
function pharmacyTrack(edition: FarmacieEdition, p: Provider, kind: FarmacieKind, reasons: Reason[]): Decision {
  const reason = reasonsOf(edition);
  const group = p.negotiationGroup;
  const direct = () => decide(edition, p.agbCode, kind, 'direct-offer', [...reasons, conditionsAccepted(edition, kind)]);
  if (!group) return direct();

  const contract = kind.shortName ?? kind.name;
  const representative = group.representativeAgbCode;
  reasons.push(
    reason(
      'mandated-group',
      !!representative,
      representative
        ? { en: `member of ${group.name}, represented by mandated representative AGB ${representative}`, nl: `lid van ${group.name}, vertegenwoordigd door gemandateerd vertegenwoordiger AGB ${representative}` }
        : {
            en: `member of ${group.name}, but the group has no mandated representative: no extra agreements, the ${contract} is offered directly`,
            nl: `lid van ${group.name}, maar de groep heeft geen gemandateerd vertegenwoordiger: geen aanvullende afspraken, de ${contract} wordt direct aangeboden`,
          },
    ),
  );
  const negotiation = planFor(edition, 'negotiation', kind.id);
  const deadline = negotiation['member-list-deadline'] && latestDay(negotiation['member-list-deadline'].date);
  const listedOn = p.pharmacy?.memberListReceivedOn;
  // The deadline day itself is in time.
  const inTime = !!listedOn && !!deadline && compareDays(listedOn, deadline) <= 0;
  reasons.push(
    reason(
      'member-list-deadline',
      inTime,
      inTime
        ? { en: `on the member list of ${group.name}, received ${listedOn} (deadline ${deadline})`, nl: `op de ledenlijst van ${group.name}, ontvangen ${formatDay(listedOn)} (uiterlijk ${formatDay(deadline)})` }
        : listedOn
          ? {
              en: `on the member list of ${group.name} received ${listedOn}, after the deadline ${deadline}: not in the negotiation, the ${contract} is offered directly`,
              nl: `op de ledenlijst van ${group.name}, ontvangen ${formatDay(listedOn)}, na de uiterste datum${deadline ? ` ${formatDay(deadline)}` : ''}: niet in de onderhandeling, de ${contract} wordt direct aangeboden`,
            }
          : {
              en: `on no member list of ${group.name} received by ${deadline}: not in the negotiation, the ${contract} is offered directly`,
              nl: `op geen ledenlijst van ${group.name} ontvangen${deadline ? ` uiterlijk ${formatDay(deadline)}` : ''}: niet in de onderhandeling, de ${contract} wordt direct aangeboden`,
            },
    ),
  );
  if (!representative || !inTime) return direct();

  // Business case and policy fit cannot be read from a record: the conversation judges them.
  const signing = negotiation['signing-deadline'] && signingRuleOf(negotiation['signing-deadline']);
  const signBy = signing?.kind === 'weeks-after-offer' ? `within ${signing.weeks} weeks` : signing ? `by ${signing.date}` : 'by the signing deadline';
  const tekenen = signing?.kind === 'weeks-after-offer' ? `binnen ${signing.weeks} weken` : signing ? `uiterlijk ${formatDay(signing.date)}` : 'uiterlijk op de tekendatum';
  reasons.push(
    reason('business-case', true, {
      en: 'a closing business case aimed at demonstrably efficient care: judged in the purchase conversation',
      nl: 'een sluitende business case gericht op aantoonbaar doelmatige zorg: beoordeeld in het inkoopgesprek',
    }),
    reason('policy-fit', true, { en: 'the proposal fits the purchasing policy: judged in the purchase conversation', nl: 'het voorstel past in het inkoopbeleid: beoordeeld in het inkoopgesprek' }),
    reason('negotiation', true, {
      en: `the representative of ${group.name} is invited to the individual purchase conversation; after a positive conversation the offer follows in VECOZO, to be signed ${signBy}`,
      nl: `de vertegenwoordiger van ${group.name} wordt uitgenodigd voor het individuele inkoopgesprek; na een positief gesprek volgt het aanbod in VECOZO, te ondertekenen ${tekenen}`,
    }),
    conditionsAccepted(edition, kind),
  );
  return decide(edition, p.agbCode, kind, 'negotiation', reasons);
}

/** Why a member of a negotiation group still gets an emergency or digital kind directly. */
function notNegotiated(edition: FarmacieEdition, kind: FarmacieKind, group: string): Reason {
  const reason = reasonsOf(edition);
  const contract = kind.shortName ?? kind.name;
  if (kind.role === 'digital') {
    const where = kind.vecozoDossier ? ` under the dossier '${kind.vecozoDossier}'` : '';
    const waar = kind.vecozoDossier ? ` onder het dossier '${kind.vecozoDossier}'` : '';
    return reason('digital-not-negotiable', false, {
      en: `member of ${group}, but ${contract} is digital contracting and not negotiable: offered directly in VECOZO${where}`,
      nl: `lid van ${group}, maar ${contract} is digitale contractering en niet onderhandelbaar: direct aangeboden in VECOZO${waar}`,
    });
  }
  return reason('emergency-not-negotiated', false, {
    en: `member of ${group}, but emergency pharmaceutical care is not negotiated: the ${contract} is offered directly`,
    nl: `lid van ${group}, maar over spoedeisende farmaceutische zorg wordt niet onderhandeld: de ${contract} wordt direct aangeboden`,
  });
}

/** The conditions accepted by signing the contract, not checked from the record. */
function conditionsAccepted(edition: FarmacieEdition, kind: FarmacieKind): Reason {
  const { conditions, contract, conditionsNl, contractNl } = kind.acceptedBySigning;
  return reasonsOf(edition)(PROCEDURE_RULES[kind.role].conditions, true, { en: `${conditions}: accepted by signing the ${contract}`, nl: `${conditionsNl}: aanvaard door het ondertekenen van de ${contractNl}` });
}
