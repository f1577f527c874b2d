import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type Actor, type FieldViolation } from '@lib/common';
import { DisputeDocumentEntity } from '../entities/dispute.entity';
import { StatementError, StatementErrorCode } from '../statements.errors';

/** Each supporting document sent through GraphQL (base64) may be at most this large, decoded. */
export const DISPUTE_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
/** At most this many documents in one request. */
export const DISPUTE_DOCUMENTS_PER_REQUEST = 10;

export interface NewDisputeDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** Metadata of a stored document (never the bytes): what audit rows and listings show. */
export interface DocumentMetadata {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** Every problem with the documents, by input path. */
export function documentViolations(
  documents: readonly NewDisputeDocument[],
  path: string,
  maxBytes = DISPUTE_DOCUMENT_MAX_BYTES,
): FieldViolation[] {
  const v: FieldViolation[] = [];
  if (documents.length > DISPUTE_DOCUMENTS_PER_REQUEST)
    v.push({ path, message: `at most ${DISPUTE_DOCUMENTS_PER_REQUEST} documents per request` });
  documents.forEach((d, i) => {
    const at = `${path}[${i}]`;
    if (d.content.length === 0) v.push({ path: `${at}.contentBase64`, message: 'the document is empty' });
    if (d.content.length > maxBytes) v.push({ path: `${at}.contentBase64`, message: `larger than ${maxBytes} bytes` });
    if (!CONTENT_TYPE.test(d.contentType)) v.push({ path: `${at}.contentType`, message: 'not a media type' });
    if (
      d.fileName.trim().length === 0 ||
      d.fileName.length > 255 ||
      /[\\/]/.test(d.fileName) ||
      [...d.fileName].some((c) => c.charCodeAt(0) < 32)
    )
      v.push({ path: `${at}.fileName`, message: 'a file name of 1-255 characters without slashes' });
  });
  return v;
}

export function refuseDocuments(violations: FieldViolation[]): StatementError {
  return new StatementError(
    StatementErrorCode.DISPUTE_REFUSED,
    `Supporting documents refused: ${violations.map((x) => `${x.path}: ${x.message}`).join('; ')}`,
    violations,
  );
}

/**
 * Stores the documents of a dispute with their SHA-256; returns their metadata. uploaded_at is
 * the database's now(): it orders documents of successive requests even under a fixed test clock.
 */
export async function storeDocuments(
  manager: EntityManager,
  actor: Actor,
  disputeId: string,
  documents: readonly NewDisputeDocument[],
): Promise<DocumentMetadata[]> {
  const stored: DocumentMetadata[] = [];
  for (const d of documents) {
    const sha256 = createHash('sha256').update(d.content).digest('hex');
    const row = await manager.save(
      manager.create(DisputeDocumentEntity, {
        disputeId,
        fileName: d.fileName,
        contentType: d.contentType.toLowerCase(),
        sizeBytes: d.content.length,
        sha256,
        content: d.content,
        uploadedBy: actor.userId ?? undefined,
      }),
    );
    stored.push({ id: row.id, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256 });
  }
  return stored;
}
