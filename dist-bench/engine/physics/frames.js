/**
 * Frames and time scales: TEME (SGP4 output) -> ECEF (PEF) -> WGS-84 geodetic, and topocentric look
 * angles. Every frame conversion in Vigil lives here.
 *
 * Reference: D. A. Vallado, P. Crawford, R. Hujsak, T. S. Kelso, "Revisiting Spacetrack Report #3",
 * AIAA 2006-6753, section on TEME and Appendix C: TEME -> PEF is a rotation about z by GMST (IAU-82),
 * PEF -> ITRF applies polar motion. Vigil stops at PEF and calls it ECEF: polar motion moves a point by
 * at most ~0.5" (about 15 m at the surface), well under SGP4's own error (~1 km at epoch).
 * Time: Earth rotation wants UT1; Vigil uses UTC (|UT1 - UTC| < 0.9 s by definition, at most ~0.4 km
 * along-track at GEO radius, ~0.06 km for a ground site) unless a caller passes dUT1 explicitly.
 * Geodetic: WGS-84 ellipsoid (NIMA TR8350.2).
 *
 * Hot loops (systems/) inline the same arithmetic on typed arrays; these functions are the reference
 * they are tested against and what tools (access windows, the CLI) call.
 */
import { gstime } from 'satellite.js';
/** WGS-84 semi-major axis, km (NIMA TR8350.2). */
export const WGS84_A_KM = 6378.137;
/** WGS-84 flattening (NIMA TR8350.2). */
export const WGS84_F = 1 / 298.257223563;
/** WGS-84 first eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
export const DEG = Math.PI / 180;
/** Greenwich mean sidereal time (IAU-82, as SGP4 uses), radians in [0, 2pi), from a UT1 Julian date. */
export function gmstRad(jdUt1) {
    return gstime(jdUt1);
}
/** TEME -> ECEF (PEF): rotate about z by -GMST. */
export function temeToEcef(r, gmst) {
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    return { x: c * r.x + s * r.y, y: -s * r.x + c * r.y, z: r.z };
}
/** ECEF (PEF) -> TEME: the inverse rotation. */
export function ecefToTeme(r, gmst) {
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    return { x: c * r.x - s * r.y, y: s * r.x + c * r.y, z: r.z };
}
/** WGS-84 geodetic -> ECEF, km. */
export function geodeticToEcef(g) {
    const sinLat = Math.sin(g.latRad);
    const cosLat = Math.cos(g.latRad);
    const n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
    return {
        x: (n + g.altKm) * cosLat * Math.cos(g.lonRad),
        y: (n + g.altKm) * cosLat * Math.sin(g.lonRad),
        z: (n * (1 - WGS84_E2) + g.altKm) * sinLat,
    };
}
/** Iterations allowed for geodetic latitude; it converges to 1e-12 rad in 3-5 from the start used. */
const GEODETIC_ITERATIONS_MAX = 20;
const GEODETIC_TOLERANCE_RAD = 1e-12;
/**
 * ECEF -> WGS-84 geodetic, km. Fixed-point iteration on latitude (Vallado, Fundamentals of Astrodynamics,
 * 4th ed., Algorithm 12), bounded; throws only on a programming error (non-finite input).
 */
export function ecefToGeodetic(r) {
    if (!Number.isFinite(r.x + r.y + r.z))
        throw new Error(`vigil frames - non-finite ECEF position (${r.x}, ${r.y}, ${r.z})`);
    const p = Math.hypot(r.x, r.y);
    const lonRad = Math.atan2(r.y, r.x);
    let latRad = Math.atan2(r.z, p * (1 - WGS84_E2));
    let n = WGS84_A_KM;
    for (let iter = 0; iter < GEODETIC_ITERATIONS_MAX; iter++) {
        const sinLat = Math.sin(latRad);
        n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
        const next = Math.atan2(r.z + n * WGS84_E2 * sinLat, p);
        const done = Math.abs(next - latRad) < GEODETIC_TOLERANCE_RAD;
        latRad = next;
        if (done)
            break;
    }
    const sinLat = Math.sin(latRad);
    const cosLat = Math.cos(latRad);
    // Near the poles p/cos(lat) loses precision: use the z form there.
    const altKm = Math.abs(cosLat) > 1e-3 ? p / cosLat - n : r.z / sinLat - n * (1 - WGS84_E2);
    return { latRad, lonRad, altKm };
}
export function topocentre(site) {
    const sLat = Math.sin(site.latRad);
    const cLat = Math.cos(site.latRad);
    const sLon = Math.sin(site.lonRad);
    const cLon = Math.cos(site.lonRad);
    return {
        posEcefKm: geodeticToEcef(site),
        east: { x: -sLon, y: cLon, z: 0 },
        north: { x: -sLat * cLon, y: -sLat * sLon, z: cLat },
        up: { x: cLat * cLon, y: cLat * sLon, z: sLat },
    };
}
/** Azimuth, elevation and range from a site to an ECEF position. */
export function lookAngles(site, targetEcefKm) {
    const dx = targetEcefKm.x - site.posEcefKm.x;
    const dy = targetEcefKm.y - site.posEcefKm.y;
    const dz = targetEcefKm.z - site.posEcefKm.z;
    const rangeKm = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const e = dx * site.east.x + dy * site.east.y + dz * site.east.z;
    const n = dx * site.north.x + dy * site.north.y + dz * site.north.z;
    const u = dx * site.up.x + dy * site.up.y + dz * site.up.z;
    let azRad = Math.atan2(e, n);
    if (azRad < 0)
        azRad += 2 * Math.PI;
    // atan2 keeps full precision near the zenith, where asin(u / range) loses digits.
    return { azRad, elRad: Math.atan2(u, Math.sqrt(e * e + n * n)), rangeKm };
}
//# sourceMappingURL=frames.js.map