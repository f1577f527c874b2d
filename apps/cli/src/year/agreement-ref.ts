const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `--agreement` names: an agreement id, or the code of its product (e.g. CASGEVY). */
export type AgreementRef = { kind: 'id'; id: string } | { kind: 'product'; code: string };

export function parseAgreementRef(value: string): AgreementRef {
  const trimmed = value.trim();
  if (!trimmed) throw new Error('--agreement must be an agreement id or a product code');
  return UUID.test(trimmed)
    ? { kind: 'id', id: trimmed.toLowerCase() }
    : { kind: 'product', code: trimmed.toUpperCase() };
}

/**
 * The one executed (or expired) agreement of a product: a contract year is closed on such an
 * agreement only, so drafts and withdrawn negotiations of the same product do not make it ambiguous.
 */
export function pickAgreementOfProduct(code: string, agreements: readonly { id: string; status: string }[]): string {
  const closable = agreements.filter((a) => a.status === 'EXECUTED' || a.status === 'EXPIRED');
  if (closable.length === 1) return closable[0].id;
  if (!closable.length) throw new Error(`Product ${code} has no executed agreement`);
  throw new Error(
    `Product ${code} has ${closable.length} executed agreements: give the id (${closable.map((a) => a.id).join(', ')})`,
  );
}
