/**
 * The WebAssembly SGP4 backend: satellite.js 7's BulkPropagator with the single-thread runtime, run for
 * one date at a time (the sim steps tick by tick). Its output arrays are views on WASM memory.
 */
import { BulkPropagator, createSingleThreadRuntime, EciBaseCalculator } from 'satellite.js';
/** The WASM module is compiled once per process and shared by every sim in it. */
let runtimePromise;
export async function createWasmPropagator() {
    runtimePromise ??= createSingleThreadRuntime();
    const runtime = await runtimePromise;
    const calculators = [new EciBaseCalculator()];
    let bulk;
    let count = 0;
    const empty = { posTemeKm: new Float64Array(0), velTemeKmps: new Float64Array(0), error: new Int8Array(0) };
    const date = [new Date(0)];
    return {
        name: 'wasm',
        load(satrecs) {
            bulk?.dispose();
            bulk = undefined;
            count = satrecs.length;
            if (count === 0)
                return;
            bulk = new BulkPropagator({ runtime, calculators, satRecsCount: count, datesCount: 1 });
            bulk.setSatRecs(satrecs);
        },
        run(utcMs) {
            if (!bulk)
                return empty;
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
//# sourceMappingURL=wasm.js.map