import { AppError, ErrorCategory } from '@lib/common';

/** Why a simulation was refused (style.md habit 6): each code has one category. */
export enum SimulatorErrorCode {
  SIMULATION_NOT_FOUND = 'SIMULATION_NOT_FOUND',
  SIMULATION_NOT_ALLOWED = 'SIMULATION_NOT_ALLOWED',
  SIMULATION_INVALID = 'SIMULATION_INVALID',
  SIMULATION_SUBJECT_MISSING = 'SIMULATION_SUBJECT_MISSING',
  SIMULATION_NOT_COMPLETED = 'SIMULATION_NOT_COMPLETED',
}

const CATEGORY: Record<SimulatorErrorCode, ErrorCategory> = {
  [SimulatorErrorCode.SIMULATION_NOT_FOUND]: ErrorCategory.NOT_FOUND,
  [SimulatorErrorCode.SIMULATION_NOT_ALLOWED]: ErrorCategory.FORBIDDEN,
  [SimulatorErrorCode.SIMULATION_INVALID]: ErrorCategory.BAD_USER_INPUT,
  [SimulatorErrorCode.SIMULATION_SUBJECT_MISSING]: ErrorCategory.BAD_USER_INPUT,
  [SimulatorErrorCode.SIMULATION_NOT_COMPLETED]: ErrorCategory.PRECONDITION_FAILED,
};

export class SimulatorError extends AppError<SimulatorErrorCode> {
  constructor(code: SimulatorErrorCode, message: string, violations: { path: string; message: string }[] = []) {
    super(CATEGORY[code], code, message, violations);
  }
}

export function simulationNotFound(id: string): SimulatorError {
  return new SimulatorError(SimulatorErrorCode.SIMULATION_NOT_FOUND, `Simulation ${id} was not found`);
}
