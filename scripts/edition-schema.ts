/**
 * Writes editions/edition.schema.json: the JSON Schema of an edition file, generated from the same
 * zod schemas the product validates with, so that an editor (the YAML language server reads the
 * first line of every edition file) flags a mistake while the purchaser types.
 *
 *   npm run editions:schema        (test/policies/edition-schema.test.ts fails when it is stale)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editionJsonSchema } from '../policies/edition-json-schema';

const file = join(__dirname, '..', 'editions', 'edition.schema.json');
writeFileSync(file, `${JSON.stringify(editionJsonSchema(), null, 2)}\n`);
process.stdout.write(`${file} written\n`);
