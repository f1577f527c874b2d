import { ErrorCategory, errorWithCategories } from '@lib/common';

/** Why a simulation was refused (style.md habit 6): each code has one category. */
export enum SimulatorErrorCode {
  SIMULATION_NOT_FOUND = 'SIMULATION_NOT_FOUND',
  SIMULATION_NOT_ALLOWED = 'SIMULATION_NOT_ALLOWED',
  SIMULATION_INVALID = 'SIMULATION_INVALID',
  SIMULATION_SUBJECT_MISSING = 'SIMULATION_SUBJECT_MISSING',
  SIMULATION_NOT_COMPLETED = 'SIMULATION_NOT_COMPLETED',
}

export const SIMULATOR_ERROR_CATEGORY: Record<SimulatorErrorCode, ErrorCategory> = {
  [SimulatorErrorCode.SIMULATION_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [SimulatorErrorCode.SIMULATION_NOT_ALLOWED]: ErrorCategory.FORBIDDEN,
  [SimulatorErrorCode.SIMULATION_INVALID]: ErrorCategory.BAD_USER_INPUT,
  [SimulatorErrorCode.SIMULATION_SUBJECT_MISSING]: ErrorCategory.BAD_USER_INPUT,
  [SimulatorErrorCode.SIMULATION_NOT_COMPLETED]: ErrorCategory.PRECONDITION_FAILED,
};

export class SimulatorError extends errorWithCategories(SIMULATOR_ERROR_CATEGORY) {}

export function simulationNotFound(id: string): SimulatorError {
  return new SimulatorError(SimulatorErrorCode.SIMULATION_NOT_FOUND, `Simulation ${id} was not found`);
}
