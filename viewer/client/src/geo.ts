/**
 * The map's geometry: an equirectangular map in map units (MAP_W x MAP_H, 10 units a degree), coastlines
 * from world-atlas (Natural Earth 1:110m land, TopoJSON) through topojson-client, and d3-geo drawing
 * GeoJSON (coastlines, the night side) onto the base map's 2D canvas with the antimeridian cut
 * where it belongs; small circles (coverage, uncertainty) as point lists. The Sun's position for the day/night terminator follows the NOAA solar calculator's
 * approximations (to about 0.1 degree: plenty for a map).
 */
import { geoCircle, geoEquirectangular, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import land from 'world-atlas/land-110m.json';

export const MAP_W = 3600;
export const MAP_H = 1800;

export const projection = geoEquirectangular().scale(MAP_W / (2 * Math.PI)).translate([MAP_W / 2, MAP_H / 2]).precision(0.5);

/** Map units of a longitude and latitude (no wrapping: the caller handles the antimeridian). */
export function toMap(latDeg: number, lonDeg: number): [number, number] {
  return [((lonDeg + 180) / 360) * MAP_W, ((90 - latDeg) / 180) * MAP_H];
}

/** Add GeoJSON to a 2D canvas path (map units: the caller's transform places it). */
export function drawGeoCanvas(ctx: CanvasRenderingContext2D, object: GeoPermissibleObjects): void {
  geoPath(projection, ctx)(object);
}

export function landFeature(): GeoPermissibleObjects {
  const topo = land as unknown as Topology<{ land: GeometryObject }>;
  return feature(topo, topo.objects.land) as unknown as GeoPermissibleObjects;
}

/** Points [lat, lon] of the small circle `radiusKm` around a point, every 3 degrees of bearing. */
export function circlePoints(latDeg: number, lonDeg: number, radiusKm: number): [number, number][] {
  const d = radiusKm / 6371.0088;
  const rad = Math.PI / 180;
  const lat1 = latDeg * rad, lon1 = lonDeg * rad;
  const out: [number, number][] = [];
  for (let b = 0; b <= 360; b += 3) {
    const br = b * rad;
    const lat = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(br));
    const lon = lon1 + Math.atan2(Math.sin(br) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat));
    out.push([lat / rad, ((lon / rad + 540) % 360) - 180]);
  }
  return out;
}

/** The sub-solar point at a UTC time, degrees (NOAA's approximations). */
export function subsolar(utcMs: number): { latDeg: number; lonDeg: number } {
  const jd = utcMs / 86_400_000 + 2440587.5;
  const t = (jd - 2451545) / 36525;
  const l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const rad = Math.PI / 180;
  const c = Math.sin(m * rad) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m * rad) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * rad) * 0.000289;
  const trueLong = l0 + c;
  const omega = 125.04 - 1934.136 * t;
  const lambda = trueLong - 0.00569 - 0.00478 * Math.sin(omega * rad);
  const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const eps = eps0 + 0.00256 * Math.cos(omega * rad);
  const decl = Math.asin(Math.sin(eps * rad) * Math.sin(lambda * rad)) / rad;
  const y = Math.tan((eps / 2) * rad) ** 2;
  const eqTimeMin = 4 / rad * (y * Math.sin(2 * l0 * rad) - 2 * e * Math.sin(m * rad) + 4 * e * y * Math.sin(m * rad) * Math.cos(2 * l0 * rad)
    - 0.5 * y * y * Math.sin(4 * l0 * rad) - 1.25 * e * e * Math.sin(2 * m * rad));
  const minutes = ((utcMs % 86_400_000) + 86_400_000) % 86_400_000 / 60_000;
  let lon = -((minutes + eqTimeMin) / 4 - 180);
  lon = ((lon + 540) % 360) - 180;
  return { latDeg: decl, lonDeg: lon };
}

/** The night side: everything more than 90 degrees from the sub-solar point. */
export function nightSide(utcMs: number): GeoPermissibleObjects {
  const s = subsolar(utcMs);
  return geoCircle().center([s.lonDeg + 180, -s.latDeg]).radius(90).precision(2)();
}
