import { DisputeDocumentEntity, DisputeEntity, EpisodeOverrideEntity } from './entities/dispute.entity';
import { InterestRateEntity, StatementCreditEntity, StatementPaymentEntity } from './entities/payment.entity';
import { StatementEntity } from './entities/statement.entity';

/** Every TypeORM entity of the statements library (for TypeOrmModule.forFeature). */
export const STATEMENT_ENTITIES = [
  StatementEntity,
  DisputeEntity,
  DisputeDocumentEntity,
  EpisodeOverrideEntity,
  StatementPaymentEntity,
  StatementCreditEntity,
  InterestRateEntity,
];
