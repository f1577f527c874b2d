import { Module } from '@nestjs/common';
import { SimulationFilesController } from '../http/simulation-files.controller';
import { SimulatorModule } from '../simulator.module';
import { SimulationsResolver } from './simulations.resolver';

/** The API face of the simulator (GraphQL and the CSV download); only apps/api imports it. */
@Module({ imports: [SimulatorModule], providers: [SimulationsResolver], controllers: [SimulationFilesController] })
export class SimulatorGraphqlModule {}
