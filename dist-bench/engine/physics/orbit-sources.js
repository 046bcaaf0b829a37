/**
 * Orbit sources -> SGP4 satrecs (satellite.js). TLEs and OMM/GP JSON go through satellite.js's own
 * readers; Keplerian mean elements from YAML are written as an OMM record first, so all three paths
 * share one initialiser (sgp4init, WGS-72, improved mode 'i').
 */
import { json2satrec, twoline2satrec } from 'satellite.js';
import { JD_UNIX_EPOCH, MS_PER_DAY } from '../time.js';
/** The satrec of an orbit source. The caller checks `satrec.error` (non-zero: unusable at epoch). */
export function satrecFrom(source) {
    switch (source.kind) {
        case 'tle':
            return twoline2satrec(source.line1, source.line2);
        case 'omm':
            return json2satrec(source.omm);
        case 'elements':
            return json2satrec(ommFromElements(source.elements));
    }
}
/** An OMM (CCSDS 502.0-B-3 field names) record carrying mean elements. */
export function ommFromElements(el) {
    return {
        OBJECT_NAME: `ELEMENTS ${el.noradId}`,
        OBJECT_ID: 'UNKNOWN',
        EPOCH: new Date(el.epochMs).toISOString(),
        MEAN_MOTION: el.meanMotionRevPerDay,
        ECCENTRICITY: el.eccentricity,
        INCLINATION: el.inclinationDeg,
        RA_OF_ASC_NODE: el.raanDeg,
        ARG_OF_PERICENTER: el.argPerigeeDeg,
        MEAN_ANOMALY: el.meanAnomalyDeg,
        NORAD_CAT_ID: el.noradId,
        ELEMENT_SET_NO: 999,
        BSTAR: el.bstarPerEarthRadius,
        MEAN_MOTION_DOT: 0,
        MEAN_MOTION_DDOT: 0,
    };
}
/** UTC ms of a satrec's element-set epoch. */
export function satrecEpochMs(satrec) {
    const jdFraction = satrec.jdsatepochF ?? 0;
    return (satrec.jdsatepoch - JD_UNIX_EPOCH) * MS_PER_DAY + jdFraction * MS_PER_DAY;
}
/** WGS-72 gravitational parameter, km^3/s^2: the constant SGP4 uses (Vallado et al., AIAA 2006-6753). */
export const MU_EARTH_WGS72_KM3_PER_S2 = 398600.8;
/** Mean motion (rev/day) of a circular-equivalent orbit with semi-major axis `aKm` (Kepler's third law). */
export function meanMotionRevPerDayFromSemiMajorAxisKm(aKm) {
    const nRadPerS = Math.sqrt(MU_EARTH_WGS72_KM3_PER_S2 / (aKm * aKm * aKm));
    return (nRadPerS * 86400) / (2 * Math.PI);
}
/** Plain words for satellite.js's SatRecError codes (Vallado's sgp4 error numbers). */
export function satrecErrorText(code) {
    switch (code) {
        case 1:
            return 'mean eccentricity out of range (e >= 1 or e < -0.001) or semi-major axis below 0.95 earth radii';
        case 2:
            return 'mean motion below zero';
        case 3:
            return 'perturbed eccentricity out of range';
        case 4:
            return 'semi-latus rectum below zero';
        case 6:
            return 'decayed: the orbit has fallen below the surface';
        default:
            return `SGP4 error ${code}`;
    }
}
//# sourceMappingURL=orbit-sources.js.map