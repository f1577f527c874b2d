import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentActor, Role, type Actor } from '@lib/common';
import { SimulationsService } from '../simulations.service';

/** GET /v1/simulations/{id}.csv: a completed run's figures through the shared CSV writer, same scope as GraphQL. */
@Controller('v1')
export class SimulationFilesController {
  constructor(private readonly simulations: SimulationsService) {}

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF)
  @Get('simulations/:id.csv')
  async csv(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const body = await this.simulations.csv(actor, id);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="simulation-${id}.csv"`);
    res.send(body);
  }
}
