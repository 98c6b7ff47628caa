/**
 * Files staff upload (a provider file, a spreadsheet of decisions), kept in the database between
 * the check and the start or apply: the second step reads exactly the file the first one
 * checked, on whichever console process serves it, and only its uploader may use it.
 *
 * An upload form is read only on the routes that take one, once the session and its role are
 * known (web/console/server.ts), within bounds: the form's own fields and files and nothing
 * else, each file at most MAX_UPLOAD_BYTES, each field at most MAX_FIELD_BYTES.
 *
 * Uploads are kept UPLOAD_RETENTION_DAYS days, then deleted (at every save, and hourly by every
 * console process): a provider file holds contact data, and a dry run and its apply, or the
 * download of an import's result, are days apart at most. What was decided stays in the
 * workflows' histories and the audit log.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** Days an upload is kept. */
export const UPLOAD_RETENTION_DAYS = 30;
/** The largest file an upload form takes (a provider file, a spreadsheet of 20,000 rows). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The largest text field of an upload form (an edition id, a year, a description, the CSRF token). */
export const MAX_FIELD_BYTES = 4 * 1024;

/** The file and text fields an upload form has; anything else in a request is refused. */
export interface UploadFormSpec {
  files: string[];
  fields: string[];
}

/** An upload form as read: its text fields (the CSRF token among them) and its chosen files. */
export interface UploadForm {
  fields: Record<string, string>;
  files: Record<string, { name: string; data: Buffer }>;
}

/** A request that breaks an upload form's bounds (HTTP 413), or its shape (400). */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 413,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/**
 * Reads a multipart upload form within its bounds: fields and files beyond the form's, a file
 * over MAX_UPLOAD_BYTES or a field over MAX_FIELD_BYTES stop the reading with an error (413).
 */
export async function readUploadForm(request: FastifyRequest, spec: UploadFormSpec): Promise<UploadForm> {
  if (!request.isMultipart()) throw new UploadRefused('not a multipart form', 400);
  const fieldNames = new Set(['_csrf', ...spec.fields]);
  const form: UploadForm = { fields: {}, files: {} };
  const parts = request.parts({
    limits: { files: spec.files.length, fields: fieldNames.size, parts: spec.files.length + fieldNames.size, fileSize: MAX_UPLOAD_BYTES, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 100, headerPairs: 20 },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        if (!spec.files.includes(part.fieldname) || form.files[part.fieldname]) throw new UploadRefused(`unexpected file field '${part.fieldname.slice(0, 100)}'`, 400);
        const data = await part.toBuffer();
        if (part.filename && data.length) form.files[part.fieldname] = { name: part.filename, data };
      } else {
        if (part.valueTruncated || part.fieldnameTruncated) throw new UploadRefused(`field '${part.fieldname.slice(0, 100)}' is longer than ${MAX_FIELD_BYTES} bytes`, 413);
        if (!fieldNames.has(part.fieldname) || part.fieldname in form.fields) throw new UploadRefused(`unexpected field '${part.fieldname.slice(0, 100)}'`, 400);
        form.fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    // The plugin's limits carry their status (413); a body that is no multipart form at all (busboy's own errors) is the client's, not a 5xx.
    if ((err as { statusCode?: number }).statusCode) throw err;
    throw new UploadRefused(`the upload cannot be read: ${(err as Error).message}`, 400);
  }
  return form;
}

/** A kept upload: whose, of what kind, under which edition, and the dry run's report once there is one. */
export interface Upload {
  id: string;
  username: string;
  kind: string;
  policyId?: string;
  fileName: string;
  data: Buffer;
  report?: Record<string, unknown>;
}

/** The moment before which an upload is expired. */
const expiry = () => sql<Date>`now() - make_interval(days => ${UPLOAD_RETENTION_DAYS})`;

/** The uploads in `console_uploads`, kept UPLOAD_RETENTION_DAYS days. */
export class Uploads {
  constructor(private readonly database: Database) {}

  /** Keeps a file; the expired ones go at the same time. */
  async save(upload: Omit<Upload, 'id' | 'report'> & { report?: object }): Promise<string> {
    const id = randomUUID();
    await this.database.db
      .insertInto('console_uploads')
      .values({ id, username: upload.username, kind: upload.kind, policy_id: upload.policyId ?? null, file_name: upload.fileName, data: upload.data, report: upload.report ? JSON.stringify(upload.report) : null })
      .execute();
    await this.deleteExpired();
    return id;
  }

  /** The upload with this id, if this user made it and it has not expired. */
  async get(id: string, username: string): Promise<Upload | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const row = await this.database.db.selectFrom('console_uploads').selectAll().where('id', '=', id).where('username', '=', username).where('created_at', '>', expiry()).executeTakeFirst();
    return row && { id: row.id, username: row.username, kind: row.kind, policyId: row.policy_id ?? undefined, fileName: row.file_name, data: Buffer.from(row.data), report: row.report ?? undefined };
  }

  async setReport(id: string, report: object): Promise<void> {
    await this.database.db.updateTable('console_uploads').set({ report: JSON.stringify(report) }).where('id', '=', id).execute();
  }

  /** Deletes the uploads older than UPLOAD_RETENTION_DAYS; returns how many. */
  async deleteExpired(): Promise<number> {
    const result = await this.database.db.deleteFrom('console_uploads').where('created_at', '<=', expiry()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
