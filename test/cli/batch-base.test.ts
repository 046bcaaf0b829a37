/**
 * A batch's workers take the base scenario from the image the loading thread made (run-one.ts shareBase)
 * instead of parsing it and its catalogs again: the image must give the very model a worker would load
 * from the text, field for field, for every scenario shipped.
 */
import { readdirSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareBase } from '../../cli/batch/run-one.js';
import { loadScenarioFile, loadScenarioText } from '../../scenarios/load.js';
import { ROOT, SCENARIOS } from '../helpers.js';

describe('the base scenario image', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));

  it.each(files)('of %s is the model a worker loads from the text', (f) => {
    // As the CLI names it: relative to the working folder, as the analyst typed it.
    const path = relative(process.cwd(), join(SCENARIOS, f));
    const r = loadScenarioFile(path);
    if (!r.ok) throw new Error(`${f} does not load`);
    const { file, text, image } = shareBase(path, r.value);
    expect(file).toBe(path);
    expect(image.buffer).toBeInstanceOf(SharedArrayBuffer);
    const fromImage = deserialize(image) as unknown;
    expect(fromImage).toStrictEqual(r.value.model);
    const again = loadScenarioText(text, file, join(path, '..'));
    if (!again.ok) throw new Error(`${f} does not load from its text`);
    expect(fromImage).toStrictEqual(again.value.model);
  });

  it('covers the shipped scenarios, the real-catalog ones among them', () => {
    expect(files).toEqual(expect.arrayContaining(['catalog-2026-03.yaml', 'coalition-ssa.yaml', 'demo-small.yaml']));
    expect(relative(ROOT, SCENARIOS)).toBe('scenarios');
  });
});
