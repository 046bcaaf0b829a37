/**
 * The WebAssembly SGP4 backend: satellite.js 7's BulkPropagator with the single-thread runtime, run for
 * one date at a time (the sim steps tick by tick). Its output arrays are views on WASM memory.
 */
import { BulkPropagator, createSingleThreadRuntime, EciBaseCalculator, type SatRec } from 'satellite.js';

type SingleThreadRuntime = Awaited<ReturnType<typeof createSingleThreadRuntime>>;
import type { PropagationOutput, Propagator } from './propagator.js';

/** The WASM module is compiled once per process and shared by every sim in it. */
let runtimePromise: Promise<SingleThreadRuntime> | undefined;

export async function createWasmPropagator(): Promise<Propagator> {
  runtimePromise ??= createSingleThreadRuntime();
  const runtime = await runtimePromise;
  const calculators = [new EciBaseCalculator()] as const;
  let bulk: BulkPropagator<typeof calculators, SingleThreadRuntime> | undefined;
  let count = 0;
  const empty: PropagationOutput = { posTemeKm: new Float64Array(0), velTemeKmps: new Float64Array(0), error: new Int8Array(0) };
  const date = [new Date(0)];
  return {
    name: 'wasm',
    load(satrecs) {
      bulk?.dispose();
      bulk = undefined;
      count = satrecs.length;
      if (count === 0) return;
      bulk = new BulkPropagator({ runtime, calculators, satRecsCount: count, datesCount: 1 });
      bulk.setSatRecs(satrecs as SatRec[]);
    },
    run(utcMs) {
      if (!bulk) return empty;
      date[0] = new Date(utcMs);
      bulk.setDates(date);
      bulk.run();
      const eci = bulk.getRawOutput().eci;
      return { posTemeKm: eci.position, velTemeKmps: eci.velocity, error: eci.error };
    },
    dispose() {
      bulk?.dispose();
      bulk = undefined;
    },
  };
}
