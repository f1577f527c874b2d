import { errorResponses, fileResponse, Role, uuidParameter, type HttpRoute } from '@lib/common';

/** The simulator's HTTP route (SimulationFilesController), for /v1/openapi.json. */
export const SIMULATION_FILE_ROUTES: readonly HttpRoute[] = [
  {
    method: 'get',
    path: '/v1/simulations/{id}.csv',
    operationId: 'downloadSimulation',
    tag: 'Simulations',
    summary: 'The figures of a term-sheet simulation, as CSV',
    description: "A completed run's figures through the shared CSV writer; the same scope as the GraphQL reads.",
    access: [Role.FEDERAL_COORDINATOR, Role.AUDITOR, Role.STATE_STAFF, Role.MANUFACTURER_STAFF],
    parameters: [uuidParameter('id', 'The simulation.')],
    responses: {
      '200': fileResponse('The figures (CSV with a header row).', 'text/csv'),
      ...errorResponses('400', '401', '403', '404'),
    },
  },
];
