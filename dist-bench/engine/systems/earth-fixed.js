/**
 * Earth-fixed positions: rotates every TEME position into ECEF (PEF) by GMST at the current tick, the
 * arithmetic of physics/frames.ts `temeToEcef` inlined over the typed arrays (tested equal to it).
 */
import { gmstRad } from '../physics/frames.js';
import { jdFromMs, simTimeMs } from '../time.js';
export function earthFixed(sim) {
    const gmst = gmstRad(jdFromMs(simTimeMs(sim.time, sim.tick)));
    sim.gmstRad = gmst;
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    const { posTemeKm, posEcefKm } = sim.c.Kinematics;
    const orbiters = sim.order.orbiters;
    for (let i = 0; i < orbiters.length; i++) {
        const k = 3 * orbiters[i];
        const x = posTemeKm[k];
        const y = posTemeKm[k + 1];
        posEcefKm[k] = c * x + s * y;
        posEcefKm[k + 1] = -s * x + c * y;
        posEcefKm[k + 2] = posTemeKm[k + 2];
    }
}
//# sourceMappingURL=earth-fixed.js.map