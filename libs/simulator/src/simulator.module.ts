import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '@lib/agreements';
import { AuditModule } from '@lib/audit';
import { ReconciliationModule } from '@lib/reconciliation';
import { ReferenceModule } from '@lib/reference';
import { TermSheetSimulationEntity } from './simulation.entity';
import { SimulationsService } from './simulations.service';

/** Term-sheet simulations: storage, access and the run (the engine itself is pure, in ./engine). */
@Module({
  imports: [
    TypeOrmModule.forFeature([TermSheetSimulationEntity]),
    AgreementsModule,
    ReferenceModule,
    ReconciliationModule,
    AuditModule,
  ],
  providers: [SimulationsService],
  exports: [SimulationsService],
})
export class SimulatorModule {}
