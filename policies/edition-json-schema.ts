/**
 * The JSON Schema of an edition file, from the zod schemas the product validates with. Two things
 * differ from the validated shape: a `source` may leave out its `file` (the edition's `seedFile` is
 * meant), and defaults are optional.
 */
import { z } from 'zod';
import { EditionSchema } from './edition';

/** The JSON Schema (draft 2020-12) of an edition file. */
export function editionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(EditionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://zorginkoop.example/edition.schema.json',
    title: 'Zorginkoop policy edition',
    description: 'One care type\'s purchasing policy for one contract year: contract kinds, the calendar in the policy\'s own Dutch words, thresholds, and where every rule is written.',
    ...(withOptionalSourceFiles(schema) as object),
  };
}

/** Drops `file` from the required fields of every source object (`{ file, section, quote }`). */
function withOptionalSourceFiles(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withOptionalSourceFiles);
  if (!node || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withOptionalSourceFiles(v)])) as { properties?: Record<string, unknown>; required?: string[] };
  if (copy.properties && 'file' in copy.properties && 'section' in copy.properties && Array.isArray(copy.required)) copy.required = copy.required.filter((r) => r !== 'file');
  return copy;
}
