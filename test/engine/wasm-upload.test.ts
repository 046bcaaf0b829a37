/**
 * The fast satrec upload writes exactly the bytes satellite.js's own BulkPropagator.setSatRecs writes,
 * for every object of the real catalog plus hand-made elements, and propagates identically.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BulkPropagator, createSingleThreadRuntime, EciBaseCalculator, json2satrec, twoline2satrec, type SatRec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { ommFromElements } from '../../engine/physics/orbit-sources.js';
import { createWasmPropagator } from '../../engine/propagators/wasm.js';
import { uploadPlan, writeSatrecs } from '../../engine/propagators/wasm-upload.js';
import { parseTleText } from '../../scenarios/catalog/tle.js';
import { SCENARIOS } from '../helpers.js';

function catalogSatrecs(): SatRec[] {
  const { entries } = parseTleText(readFileSync(join(SCENARIOS, 'data/active-2026-03.tle'), 'utf8'));
  const satrecs = entries.map((e) => twoline2satrec(e.line1, e.line2));
  satrecs.push(json2satrec(ommFromElements({ epochMs: Date.UTC(2026, 2, 19), meanMotionRevPerDay: 14.3, eccentricity: 0.01, inclinationDeg: 98, raanDeg: 1, argPerigeeDeg: 2, meanAnomalyDeg: 3, bstarPerEarthRadius: 1e-4, noradId: 99001 })));
  return satrecs;
}

describe('fast WASM satrec upload', () => {
  it('writes the same bytes as BulkPropagator.setSatRecs for the whole catalog', async () => {
    const satrecs = catalogSatrecs();
    expect(satrecs.length).toBeGreaterThan(14_700);
    const runtime = await createSingleThreadRuntime();
    const module = runtime.module;
    const size = module._get_elsetrec_size();
    const calculators = [new EciBaseCalculator()] as const;
    const reference = new BulkPropagator({ runtime, calculators, satRecsCount: satrecs.length, datesCount: 1 });
    reference.setSatRecs(satrecs);
    const refPointer = (reference as unknown as { satrecsPointer: number }).satrecsPointer;
    const expected = module.HEAP8.slice(refPointer, refPointer + size * satrecs.length);
    const pointer = module._calloc_one(size * satrecs.length);
    writeSatrecs(module.HEAP8.buffer, uploadPlan(module), pointer, satrecs);
    const got = module.HEAP8.slice(pointer, pointer + size * satrecs.length);
    let firstDiff = -1;
    for (let i = 0; i < got.length && firstDiff < 0; i++) if (got[i] !== expected[i]) firstDiff = i;
    expect(firstDiff, firstDiff < 0 ? '' : `first differing byte in struct ${Math.floor(firstDiff / size)} at offset ${firstDiff % size}`).toBe(-1);
    module._free(pointer);
    reference.dispose();
  });

  it('propagates like the library path, slot for slot', async () => {
    const satrecs = catalogSatrecs().slice(0, 3000);
    const fast = await createWasmPropagator();
    fast.load({ count: satrecs.length, satrec: (i) => satrecs[i], prepared: () => undefined });
    const runtime = await createSingleThreadRuntime();
    const reference = new BulkPropagator({ runtime, calculators: [new EciBaseCalculator()] as const, satRecsCount: satrecs.length, datesCount: 1 });
    reference.setSatRecs(satrecs);
    const t = Date.UTC(2026, 2, 19, 12, 0, 0);
    const a = fast.run(t);
    reference.setDates([new Date(t)]);
    reference.run();
    const b = reference.getRawOutput().eci;
    expect(Array.from(a.posTemeKm)).toEqual(Array.from(b.position));
    expect(Array.from(a.error)).toEqual(Array.from(b.error));
    fast.dispose();
    reference.dispose();
  });
});
