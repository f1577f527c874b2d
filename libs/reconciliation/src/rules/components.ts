import { compareText } from './effective-dates';
import { type Component, type OutcomeComponent } from './types';

export function outcomeComponent(benchmarkCode: string): OutcomeComponent {
  return `OUTCOME:${benchmarkCode}`;
}

function componentRank(component: Component): number {
  if (component === 'GUARANTEED') return 0;
  if (component === 'VOLUME') return 1;
  return 2;
}

/** GUARANTEED, VOLUME, then OUTCOME:<code> by code: the order of the cap chain (section 6). */
export function compareComponents(a: Component, b: Component): number {
  return componentRank(a) - componentRank(b) || compareText(a, b);
}
