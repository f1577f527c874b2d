import type { ConsoleFacts } from '../console-facts';

/** One ready operation of the console: it opens as a tab, named by its operation. */
export interface ConsoleExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** An example, built from the facts of the signed-in user; null when a fact it needs is missing. */
export interface ExampleDefinition {
  title: string;
  build: (facts: ConsoleFacts) => Omit<ConsoleExample, 'title'> | null;
}
