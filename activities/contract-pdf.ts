/**
 * The contract document as PDF (pdfkit), byte for byte the same for the same document: pdfkit
 * stamps a document with the time it was made (CreationDate) and derives the file's ID from its
 * info, so both dates are set to the document's own day and nothing else varies (the standard
 * Helvetica fonts are not embedded, compression is zlib's deterministic deflate). Its SHA-256 is
 * the document's identity: stored with the offer, the e-mail and the contract register.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { ContractDocument } from '../policies/contract-document';

/** A rendered document: its bytes and their SHA-256 (hex). */
export interface RenderedDocument {
  bytes: Buffer;
  sha256: string;
}

/** The SHA-256 of bytes, in hex, as `sha256sum` prints it. */
export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const MARGIN = 56;
const GREY = '#555555';
const RULE = '#b0b7c3';
const ACCENT = '#1f4e79';

/** Renders the document: A4, Helvetica, the facts, the sections, the numbered clauses with their sources, the changes. */
export function renderContractPdf(doc: ContractDocument): Promise<RenderedDocument> {
  // The document's day at noon UTC: the same instant wherever it is rendered.
  const stamp = new Date(`${doc.issuedOn}T12:00:00Z`);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: true,
    info: { Title: doc.title, Author: doc.insurer, Subject: doc.subtitle, Keywords: doc.reference, Creator: 'zorginkoop', Producer: 'zorginkoop', CreationDate: stamp, ModDate: stamp },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<RenderedDocument>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, sha256: sha256Of(bytes) });
    });
    pdf.on('error', reject);
  });

  const width = pdf.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    if (pdf.y > pdf.page.height - MARGIN - 80) pdf.addPage();
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(ACCENT).text(text, MARGIN, pdf.y, { width }).moveDown(0.3).fillColor('black');
  };
  const paragraph = (text: string, options: { size?: number; color?: string; indent?: number } = {}) =>
    pdf.font('Helvetica').fontSize(options.size ?? 10).fillColor(options.color ?? 'black').text(text, MARGIN + (options.indent ?? 0), pdf.y, { width: width - (options.indent ?? 0), lineGap: 1.5 }).fillColor('black');

  // Letterhead.
  pdf.font('Helvetica-Bold').fontSize(10).fillColor(ACCENT).text(doc.insurer.toUpperCase(), MARGIN, MARGIN, { characterSpacing: 1.5 });
  pdf.moveTo(MARGIN, pdf.y + 4).lineTo(MARGIN + width, pdf.y + 4).lineWidth(1.5).strokeColor(ACCENT).stroke();
  pdf.moveDown(1.2).font('Helvetica-Bold').fontSize(18).fillColor('black').text(doc.title, MARGIN, pdf.y, { width });
  pdf.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(GREY).text(doc.subtitle, { width }).fillColor('black').moveDown(1);

  // The facts: a two-column table with a rule under each row.
  const labelWidth = 140;
  for (const fact of doc.facts) {
    const top = pdf.y;
    pdf.font('Helvetica').fontSize(10).fillColor(GREY).text(fact.label, MARGIN, top, { width: labelWidth - 8 });
    const labelBottom = pdf.y;
    pdf.font('Helvetica-Bold').fillColor('black').text(fact.value, MARGIN + labelWidth, top, { width: width - labelWidth });
    pdf.y = Math.max(pdf.y, labelBottom) + 4;
    pdf.moveTo(MARGIN, pdf.y - 2).lineTo(MARGIN + width, pdf.y - 2).lineWidth(0.5).strokeColor(RULE).stroke();
    pdf.y += 2;
  }

  heading(doc.locations.length === 1 ? 'Locatie' : 'Locaties');
  if (doc.locations.length === 0) paragraph('Geen locaties opgegeven.', { color: GREY });
  for (const location of doc.locations) paragraph(`•  ${location}`);

  for (const section of doc.sections) {
    heading(section.heading);
    for (const p of section.paragraphs) paragraph(p);
  }

  // What changed since last year, before the clauses it names.
  if (doc.changes) {
    heading(doc.changes.heading);
    for (const p of doc.changes.paragraphs) paragraph(p);
  }

  if (doc.clauses.length) heading('Bepalingen');
  for (const clause of doc.clauses) {
    if (pdf.y > pdf.page.height - MARGIN - 70) pdf.addPage();
    pdf.moveDown(0.4).font('Helvetica-Bold').fontSize(10).fillColor('black').text(`Artikel ${clause.number}. ${clause.title}`, MARGIN, pdf.y, { width });
    paragraph(clause.text);
    paragraph(clause.source, { size: 7.5, color: GREY });
    pdf.moveDown(0.2);
  }

  pdf.moveDown(1.2);
  for (const line of doc.closing) paragraph(line, { color: GREY });

  // Every page: its reference and number, in the bottom margin.
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const bottom = pdf.page.height - MARGIN + 8;
    const saved = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('Helvetica').fontSize(8).fillColor(GREY);
    pdf.text(`Kenmerk: ${doc.reference}`, MARGIN, bottom, { width: width - 90, lineBreak: false });
    pdf.text(`Pagina ${i + 1} van ${range.count}`, MARGIN + width - 90, bottom, { width: 90, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = saved;
  }
  pdf.end();
  return done;
}
