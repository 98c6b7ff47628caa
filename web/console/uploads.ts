/**
 * Files staff upload (a provider file, a spreadsheet of decisions), kept in the database between
 * the check and the start or apply: the second step reads exactly the file the first one
 * checked, on whichever console process serves it, and only its uploader may use it.
 */
import { randomUUID } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { Database } from '../../db/database';

export interface Upload {
  id: string;
  username: string;
  kind: string;
  policyId?: string;
  fileName: string;
  data: Buffer;
  report?: Record<string, unknown>;
}

/** The file field of a multipart form (with attachFieldsToBody), or undefined when none was chosen. */
export async function uploadedFile(body: unknown, field = 'bestand'): Promise<{ name: string; data: Buffer } | undefined> {
  const file = (body as Record<string, unknown> | undefined)?.[field] as MultipartFile | undefined;
  if (!file || typeof file !== 'object' || !('toBuffer' in file) || !file.filename) return undefined;
  const data = await file.toBuffer();
  return data.length ? { name: file.filename, data } : undefined;
}

/** A text field of a multipart form. */
export function fieldOf(body: unknown, field: string): string | undefined {
  const value = (body as Record<string, { value?: unknown } | undefined> | undefined)?.[field]?.value;
  return typeof value === 'string' ? value : undefined;
}

export class Uploads {
  constructor(private readonly database: Database) {}

  async save(upload: Omit<Upload, 'id'>): Promise<string> {
    const id = randomUUID();
    await this.database.db
      .insertInto('console_uploads')
      .values({ id, username: upload.username, kind: upload.kind, policy_id: upload.policyId ?? null, file_name: upload.fileName, data: upload.data, report: upload.report ? JSON.stringify(upload.report) : null })
      .execute();
    return id;
  }

  /** The upload with this id, if this user made it. */
  async get(id: string, username: string): Promise<Upload | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const row = await this.database.db.selectFrom('console_uploads').selectAll().where('id', '=', id).where('username', '=', username).executeTakeFirst();
    return row && { id: row.id, username: row.username, kind: row.kind, policyId: row.policy_id ?? undefined, fileName: row.file_name, data: Buffer.from(row.data), report: row.report ?? undefined };
  }

  async setReport(id: string, report: Record<string, unknown>): Promise<void> {
    await this.database.db.updateTable('console_uploads').set({ report: JSON.stringify(report) }).where('id', '=', id).execute();
  }
}
