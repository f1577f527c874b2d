import type { INestApplicationContext } from '@nestjs/common';
import { casgevyTerms, NegotiationService, ParticipationService, type TermSheet } from '@lib/agreements';
import { Role, systemActor, type Actor } from '@lib/common';
import { ManufacturersService, ProductsService } from '@lib/reference';

/**
 * The worked example's terms (rebate-rules section 9): a Casgevy agreement drafted and accepted
 * by both sides (so EXECUTED), with one state participating from a date. Other terms may be given.
 */
export async function executedCasgevyAgreement(
  app: INestApplicationContext,
  participation: { stateCode: string; effectiveFrom: string },
  terms: TermSheet = casgevyTerms(),
): Promise<{ agreementId: string; participationId: string }> {
  const manufacturers = app.get(ManufacturersService);
  const products = app.get(ProductsService);
  const coordinator: Actor = {
    ...systemActor('test'),
    kind: 'user',
    role: Role.FEDERAL_COORDINATOR,
    label: 'coord@test.gov',
  };
  const manufacturer: Actor = {
    ...systemActor('test'),
    kind: 'user',
    role: Role.MANUFACTURER_STAFF,
    manufacturerId: await manufacturers.manufacturerIdByLabelerCode('51167'),
    label: 'vertex@test.com',
  };
  const state: Actor = {
    ...systemActor('test'),
    kind: 'user',
    role: Role.STATE_STAFF,
    stateCode: participation.stateCode,
    label: `${participation.stateCode.toLowerCase()}@test.gov`,
  };
  const casgevy = await products.productByCode('CASGEVY');
  if (!casgevy) throw new Error('The CASGEVY product is missing from the reference data');
  const negotiation = app.get(NegotiationService);
  const agreement = await negotiation.draft(coordinator, { productId: casgevy.id, terms });
  await negotiation.accept(coordinator, { agreementId: agreement.id, versionNumber: 1 });
  await negotiation.accept(manufacturer, { agreementId: agreement.id, versionNumber: 1 });
  const joined = await app.get(ParticipationService).join(state, { agreementId: agreement.id, ...participation });
  return { agreementId: agreement.id, participationId: joined.id };
}
