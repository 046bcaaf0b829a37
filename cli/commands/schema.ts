/** `vigil schema`: prints the scenario JSON Schema (the same text as scenarios/scenario.schema.json). */
import { scenarioJsonSchema } from '../../scenarios/schema.js';
import { EXIT_OK } from '../errors.js';

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

export async function schemaCommand(): Promise<number> {
  process.stdout.write(schemaText());
  return EXIT_OK;
}
