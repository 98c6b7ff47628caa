/**
 * The zod toolkit of the command catalogue (catalogue.ts): zod itself and the fields commands
 * share. The catalogue's schemas are functions of this module, which workflow code loads only
 * when a command arrives, not when a track starts: a worker evaluates every module a workflow
 * imports once per workflow it holds, and zod with the schemas would cost each of thousands of
 * open tracks its share (docs/architecture.md, "What a worker costs").
 */
import { z } from 'zod';
import { IsoDateSchema } from '../policies/iso-date-schema';

export { z };

/**
 * Text as people type it: no control characters but line breaks and tabs. A NUL (from a
 * spreadsheet cell, say) cannot be stored in PostgreSQL's text or jsonb, so an update carrying
 * one was accepted and then failed in its audit log, retried for ever; none is ever meant.
 */
const noControl = (text: string) => !/\p{Cc}/u.test(text.replace(/[\t\n\r]/g, ''));
export const text = () => z.string().trim().refine(noControl, 'contains an invisible control character (such as U+0000): type the text again');
/** Who records the command: a name or staff id. */
export const who = () => text().min(1, 'say who records this (a name or staff id)').max(200);
export const note = () => text().max(2000).optional();
export const tier = () => z.enum(['A', 'B', 'C', 'D']);
export const day = () => IsoDateSchema;
export const documents = () => z.array(text().min(1)).min(1, 'name at least one document');
