/**
 * The JSON Schema of edition files (editions/edition.schema.json) is generated from the zod schemas
 * the product validates with: an editor flags what the product would refuse while the purchaser
 * types. The committed file must be the one the code generates (`npm run editions:schema`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { editionJsonSchema } from '../../policies/edition-json-schema';

const dir = join(__dirname, '..', '..', 'editions');
const committed = JSON.parse(readFileSync(join(dir, 'edition.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv); // as an editor does: an e-mail address is checked as one
const validate = ajv.compile(committed);
const editions = readdirSync(dir).filter((n) => n.endsWith('.yaml'));

test('the committed JSON Schema is the one the zod schemas give (npm run editions:schema)', () => {
  expect(committed).toEqual(JSON.parse(JSON.stringify(editionJsonSchema())));
});

test.each(editions)('%s is valid against the JSON Schema, and names it on its first line', (name) => {
  const text = readFileSync(join(dir, name), 'utf8');
  expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./edition.schema.json');
  expect(validate(parse(text))).toBe(true);
});

test('an editor is told of an unknown track, a misspelt field and a missing rule source', () => {
  const data = parse(readFileSync(join(dir, 'zg-2026.yaml'), 'utf8')) as { contractKinds: { tracks: string[] }[]; rules: Record<string, unknown>; reminderDays?: number[] };
  data.contractKinds[0]!.tracks.push('negotation');
  delete data.rules['running-contract'];
  expect(validate(data)).toBe(false);
  const messages = JSON.stringify(validate.errors);
  expect(messages).toContain('/contractKinds/0/tracks/4');
  expect(messages).toContain('running-contract');
});
