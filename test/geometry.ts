/**
 * Independent geometry for tests: WGS-84 geodetic to Earth-fixed and small vector arithmetic, written
 * from the definitions (NIMA TR8350.2) rather than taken from the engine, so tests check the engine
 * against it.
 */
/** WGS-84 semi-major axis, km, and first eccentricity squared. */
export const WGS84_A = 6378.137;
export const WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
export const RAD = Math.PI / 180;
export type V3 = [number, number, number];

/** Earth-fixed position of a geodetic point, km. */
export function ecef(latDeg: number, lonDeg: number, altKm: number): V3 {
  const lat = latDeg * RAD, lon = lonDeg * RAD;
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * Math.sin(lat) ** 2);
  return [(n + altKm) * Math.cos(lat) * Math.cos(lon), (n + altKm) * Math.cos(lat) * Math.sin(lon), (n * (1 - WGS84_E2) + altKm) * Math.sin(lat)];
}
export const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const norm = (a: V3): number => Math.hypot(a[0], a[1], a[2]);
