export { StatementEntity } from './statement.entity';
export { DisputeEntity, DisputeDocumentEntity, EpisodeOverrideEntity } from './dispute.entity';
export { StatementPaymentEntity, StatementCreditEntity, InterestRateEntity } from './payment.entity';
