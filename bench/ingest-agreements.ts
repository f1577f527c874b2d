/**
 * The program the multi-month ingest bench reconciles against: the demo's two executed
 * agreements (Casgevy with Vertex, Lyfgenia with Genetix, rebate-rules section 9 terms),
 * negotiated through GraphQL by a coordinator and each manufacturer's staff, and the bench's
 * states joined to both, so that the reconcile step of every file builds episodes and ledger
 * entries as in production (README "Reconciliation and the ledger").
 */
import { DEMO_AGREEMENTS } from '../apps/cli/src/seed/demo-agreements';
import { graphql, insertBenchUser, signIn, type IngestStack } from './ingest-stack';

const LABELERS: Readonly<Record<string, string>> = { CASGEVY: '51167', LYFGENIA: '73554' };

/** Executes both agreements and joins each participating state of `states`; answers the states joined. */
export async function seedProgram(stack: IngestStack, states: readonly string[]): Promise<string[]> {
  const agreementIds: string[] = [];
  for (const demo of DEMO_AGREEMENTS) {
    const labelerCode = LABELERS[demo.productCode];
    const email = `bench-${labelerCode}@manufacturer.example.com`;
    await insertBenchUser(stack.db, { email, role: 'MANUFACTURER_STAFF', labelerCode });
    const manufacturerToken = await signIn(stack.base, email);
    const product = await stack.db.query<{ id: string }>(`SELECT id FROM product WHERE code = $1`, [demo.productCode]);
    if (!product.rows[0]) throw new Error(`No product ${demo.productCode} in the reference data`);
    // The term sheet as GraphQL takes it: decimals as strings (Dec serialises to its string).
    const terms = JSON.parse(JSON.stringify(demo.executed)) as Record<string, unknown>;
    const drafted = await graphql<{ draftAgreement: { id: string } }>(
      stack.base,
      stack.token,
      `
        mutation ($input: DraftAgreementInput!) {
          draftAgreement(input: $input) {
            id
          }
        }
      `,
      { input: { productId: product.rows[0].id, terms } },
    );
    const agreementId = drafted.draftAgreement.id;
    for (const token of [stack.token, manufacturerToken]) {
      await graphql(
        stack.base,
        token,
        `
          mutation ($input: AcceptAgreementVersionInput!) {
            acceptAgreementVersion(input: $input) {
              id
            }
          }
        `,
        { input: { agreementId, versionNumber: 1 } },
      );
    }
    agreementIds.push(agreementId);
  }
  const participants = await stack.db.query<{ usps_code: string; start: string | null }>(
    `SELECT usps_code, to_char(cgt_start_date_known, 'YYYY-MM-DD') AS start
       FROM jurisdiction WHERE cgt_participant AND usps_code = ANY($1)`,
    [states],
  );
  for (const { usps_code: stateCode, start } of participants.rows) {
    for (const agreementId of agreementIds) {
      await graphql(
        stack.base,
        stack.token,
        `
          mutation ($input: JoinAgreementInput!) {
            joinAgreement(input: $input) {
              id
            }
          }
        `,
        { input: { agreementId, stateCode, effectiveFrom: start ?? '2025-01-01' } },
      );
    }
  }
  return participants.rows.map((row) => row.usps_code).sort();
}

/** The first `count` participating jurisdictions, by USPS code. */
export async function firstParticipants(stack: IngestStack, count: number): Promise<string[]> {
  const { rows } = await stack.db.query<{ usps_code: string }>(
    `SELECT usps_code FROM jurisdiction WHERE cgt_participant ORDER BY usps_code LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} jurisdictions participate`);
  return rows.map((row) => row.usps_code);
}
