/** The kinds of supporting document a dispute accepts by upload (PDF and images). */
export const ACCEPTED_DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AcceptedDocumentType = (typeof ACCEPTED_DOCUMENT_TYPES)[number];

const SIGNATURES: readonly { type: AcceptedDocumentType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** Bytes needed to recognise every accepted type. */
export const DOCUMENT_SIGNATURE_BYTES = Math.max(...SIGNATURES.map((s) => s.bytes.length));

/**
 * The type of a document from its first bytes (magic numbers), never from the name or the
 * declared content type, which the client chooses; null when it is none of the accepted ones.
 */
export function sniffDocumentType(head: Uint8Array): AcceptedDocumentType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return type;
  }
  return null;
}
