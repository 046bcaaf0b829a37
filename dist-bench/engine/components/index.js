/** Allocate every component for `capacity` entities (bitecs ids run from 1 up to capacity). */
export function createComponents(capacity) {
    const n = capacity + 1;
    return {
        capacity,
        Identity: { stableIndex: new Uint32Array(n) },
        Orbit: { satrec: new Array(n).fill(undefined), epochMs: new Float64Array(n) },
        Kinematics: {
            posTemeKm: new Float64Array(3 * n),
            velTemeKmps: new Float64Array(3 * n),
            posEcefKm: new Float64Array(3 * n),
        },
        Ownership: { nationIndex: new Int16Array(n).fill(-1) },
        GroundSite: {
            latRad: new Float64Array(n),
            lonRad: new Float64Array(n),
            altKm: new Float64Array(n),
            posEcefKm: new Float64Array(3 * n),
            eastEcef: new Float64Array(3 * n),
            northEcef: new Float64Array(3 * n),
            upEcef: new Float64Array(3 * n),
        },
        Radar: {
            siteEid: new Uint32Array(n),
            elevationRadMin: new Float64Array(n),
            rangeKmMax: new Float64Array(n),
            azimuthRadMin: new Float64Array(n),
            azimuthRadMax: new Float64Array(n),
            detectionProbability: new Float64Array(n),
            inViewCount: new Uint32Array(n),
            detectionsTotal: new Float64Array(n),
            downUntilTick: new Float64Array(n),
        },
    };
}
//# sourceMappingURL=index.js.map