import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../cli/commands/schema.js';
import { ROOT } from '../helpers.js';

describe('scenarios/scenario.schema.json', () => {
  it('is current with the zod schema (regenerate with `npm run schema`)', () => {
    expect(readFileSync(join(ROOT, 'scenarios/scenario.schema.json'), 'utf8')).toBe(schemaText());
  });

  it('is named by every example scenario for editors (yaml-language-server)', () => {
    for (const f of ['demo-small.yaml', 'catalog-2026-03.yaml']) {
      expect(readFileSync(join(ROOT, 'scenarios', f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    }
  });
});
