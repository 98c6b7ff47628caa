/**
 * Run by test/imports/sheet-bounds.test.ts as a process of its own (tsx): reads the spreadsheet
 * named on the command line with `readSheet`, and prints as JSON what came of it, how long it took
 * and how far the process's peak resident memory grew while it read. A process of its own, so
 * that the measure is this file's alone (not jest's, nor another test's), and so that a reader
 * that runs out of memory takes only this process down.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readSheet } from '../../imports/sheet';
import { SHEET_HEAD, SHEET_TAIL, part, textRow, workbook } from './xlsx-zip';

async function main(file: string): Promise<void> {
  // A small sheet first: what loading the reader costs is not the file's.
  await readSheet({ name: 'warm-up.xlsx', data: workbook(part('sheet', `${SHEET_HEAD}${textRow(1, ['AGB-code'])}${textRow(2, ['01000001'])}${SHEET_TAIL}`)) });
  const data = readFileSync(file);
  const before = process.resourceUsage().maxRSS;
  const start = Date.now();
  let outcome: { rows: number } | { error: string; name: string };
  try {
    outcome = { rows: (await readSheet({ name: basename(file), data })).rows.length };
  } catch (err) {
    outcome = { error: (err as Error).message, name: (err as Error).name };
  }
  const ms = Date.now() - start;
  const growthMiB = Math.round((process.resourceUsage().maxRSS - before) / 1024);
  process.stdout.write(`${JSON.stringify({ ...outcome, ms, growthMiB })}\n`);
}

void main(process.argv[2]!);
