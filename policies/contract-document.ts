/**
 * The contract as a document: what an offer, a running contract's new tariff annex or a
 * corrected-evidence amendment says, built from the edition's contract template and the track's
 * terms. Pure and deterministic (no clock: every day comes in), so the same inputs give the same
 * model and, rendered (activities/contract-pdf.ts), the same bytes; their SHA-256 identifies the
 * document (docs/contract-document.md). The words are Dutch: the provider reads them.
 */
import { formatDay, type IsoDate } from './calendar';
import { clauseChanges, clausesFor, noClauseChanges } from './contract-changes';
import type { ContractTemplate, ContractKind } from './policy';

/** What a document is: the offer to sign, a running contract's new tariff annex, or an amendment. */
export type ContractDocumentKind = 'offer' | 'tariff-annex' | 'amendment';

/** The edition as a document needs it. */
export interface DocumentEdition {
  id: string;
  title: string;
  contractYear: number;
  insurer: string;
  contractKinds: Pick<ContractKind, 'id' | 'name' | 'tariffAnnex'>[];
  contract?: ContractTemplate;
  /** Where providers write with questions (the edition's published address, transparency rule art. 4 item 2). */
  contact?: { email: string };
}

/** Everything a document is made from; nothing else goes in. */
export interface ContractDocumentInput {
  kind: ContractDocumentKind;
  /** The track's idempotency key for this document (workflow id and step): its reference. */
  reference: string;
  edition: DocumentEdition;
  /** The previous edition of the same care type, for "what changed since last year" (an offer only). */
  previous?: Pick<DocumentEdition, 'id' | 'title' | 'contract'>;
  provider: { agbCode: string; name: string; locations: { agbCode: string; name: string; city: string }[] };
  contractKind: string;
  /** The day of the document: the offer's, the annex's, the amendment's. */
  issuedOn: IsoDate;
  tier?: string;
  term?: { fromYear: number; toYear: number };
  startDate?: IsoDate;
  signingDeadline?: IsoDate;
  /** A corrected-evidence amendment: the new tier and the day it takes effect. */
  amendment?: { tier: string; effectiveFrom: IsoDate };
}

/** A titled part of the document with its paragraphs. */
export interface DocumentSection {
  heading: string;
  paragraphs: string[];
}

/** The document, ready to render: every word it shows, in order. */
export interface ContractDocument {
  kind: ContractDocumentKind;
  insurer: string;
  title: string;
  subtitle: string;
  reference: string;
  issuedOn: IsoDate;
  /** The facts at the top: label and value. */
  facts: { label: string; value: string }[];
  locations: string[];
  /** Sections before the clauses (the tariff annex, the amendment). */
  sections: DocumentSection[];
  clauses: { number: number; id: string; title: string; text: string; source: string }[];
  /** "Wat is er veranderd sinds vorig jaar" (an offer with a previous edition). */
  changes?: DocumentSection;
  closing: string[];
}

const TITLES: Record<ContractDocumentKind, string> = {
  offer: 'Contractaanbod',
  'tariff-annex': 'Tariefbijlage',
  amendment: 'Wijziging zorgovereenkomst',
};

const years = (t: { fromYear: number; toYear: number }) => (t.fromYear === t.toYear ? String(t.fromYear) : `${t.fromYear} t/m ${t.toYear}`);

/** The document of an offer, a tariff annex or an amendment. */
export function contractDocument(input: ContractDocumentInput): ContractDocument {
  const { edition, provider, kind } = input;
  const contractKind = edition.contractKinds.find((k) => k.id === input.contractKind);
  const kindName = contractKind?.name ?? input.contractKind;
  const term = input.term ?? { fromYear: edition.contractYear, toYear: edition.contractYear };
  const startDate = input.startDate ?? `${term.fromYear}-01-01`;

  const facts: { label: string; value: string }[] = [
    { label: 'Zorgaanbieder', value: provider.name },
    { label: 'AGB-code', value: provider.agbCode },
    { label: 'Zorgovereenkomst', value: kindName },
    { label: 'Inkoopbeleid', value: `${edition.title} (${edition.id})` },
    ...(input.tier ? [{ label: 'Niveau', value: input.tier }] : []),
    { label: 'Looptijd', value: years(term) },
    { label: 'Ingangsdatum', value: formatDay(startDate) },
    { label: kind === 'offer' ? 'Datum aanbod' : 'Datum', value: formatDay(input.issuedOn) },
    ...(input.signingDeadline ? [{ label: 'Uiterste tekendatum', value: formatDay(input.signingDeadline) }] : []),
  ];

  const sections: DocumentSection[] = [];
  if (contractKind?.tariffAnnex) {
    sections.push({
      heading: `Tariefbijlage ${edition.contractYear}`,
      paragraphs: [`Bij de zorgovereenkomst ${kindName} hoort de tariefbijlage ${edition.contractYear}, met de tarieven ${edition.contractYear}. De tariefbijlage staat in het VECOZO Zorginkoopportaal.`],
    });
  }
  if (input.amendment) {
    sections.push({
      heading: 'Wijziging',
      paragraphs: [`Na een gecorrigeerd bewijsstuk gaat uw zorgovereenkomst ${kindName} over naar niveau ${input.amendment.tier}, vanaf ${formatDay(input.amendment.effectiveFrom)}. De wijziging gaat niet met terugwerkende kracht in.`],
    });
  }

  const clauses = clausesFor(edition.contract, input.contractKind).map((c, i) => ({ number: i + 1, id: c.id, title: c.title, text: c.text, source: `Bron: inkoopbeleid ${c.source.file.slice(0, 3)}, ${/^\d/.test(c.source.section) ? 'paragraaf ' : ''}${c.source.section}: "${c.source.quote}"` }));

  let changes: DocumentSection | undefined;
  if (kind === 'offer' && input.previous) {
    const diff = clauseChanges(input.previous.contract, edition.contract, input.contractKind);
    const number = (id: string) => clauses.find((c) => c.id === id)?.number;
    changes = {
      heading: `Wat is er veranderd sinds ${input.previous.title}`,
      paragraphs: noClauseChanges(diff)
        ? ['De bepalingen zijn dezelfde als vorig jaar.']
        : [
            ...diff.added.map((c) => `Nieuw: artikel ${number(c.id)}, ${c.title}.`),
            ...diff.changed.map((c) => `Gewijzigd: artikel ${number(c.id)}, ${c.after.title}.`),
            ...diff.removed.map((c) => `Vervallen: ${c.title}.`),
          ],
    };
  }

  // Every policy's last section (000 s5, 001 s2.7, 002-004 s5): "Vragen over zorginkoop: <address>", read from the edition.
  const questions = edition.contact ? [`Vragen over zorginkoop: ${edition.contact.email}. Vermeld in het onderwerp uw AGB-code en zorgsoort.`] : [];
  const closing = [kind === 'offer' ? 'Dit aanbod ondertekent u digitaal in het VECOZO Zorginkoopportaal.' : 'U hoeft niets te ondertekenen.', ...questions];

  return {
    kind,
    insurer: edition.insurer,
    title: `${TITLES[kind]} ${kindName}`,
    subtitle: `${edition.title}, ${years(term)}`,
    reference: input.reference,
    issuedOn: input.issuedOn,
    facts,
    locations: provider.locations.map((l) => `${l.name}, ${l.city} (AGB ${l.agbCode})`),
    sections,
    clauses,
    ...(changes ? { changes } : {}),
    closing,
  };
}
