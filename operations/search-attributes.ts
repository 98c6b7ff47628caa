/**
 * Registers this product's search attributes on a Temporal server (dev server, self-hosted
 * cluster or the test server). Idempotent: attributes already there are left alone.
 * On Temporal Cloud, register them once with `tcld namespace search-attributes add` instead
 * (the Cloud operator API is not open to namespace API keys); README says how.
 */
import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const GRPC_UNIMPLEMENTED = 12;
const INDEXED = temporal.api.enums.v1.IndexedValueType;
const TO_INDEXED: Partial<Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType>> = {
  [SearchAttributeType.KEYWORD]: INDEXED.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: INDEXED.INDEXED_VALUE_TYPE_DATETIME,
};

/** Adds whichever of the product's search attributes the namespace lacks; returns their names. */
export async function registerSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<string[]> {
  const known = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    for (const name of [...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]) known.add(name);
  } catch (err) {
    // The time-skipping test server can add search attributes but not list them.
    if ((err as { code?: number }).code !== GRPC_UNIMPLEMENTED) throw err;
  }
  const missing = SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, TO_INDEXED[key.type]!])),
  });
  return missing.map((key) => key.name);
}
