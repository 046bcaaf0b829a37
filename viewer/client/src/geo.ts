/**
 * The map's geometry: an equirectangular map in map units (MAP_W x MAP_H, 10 units a degree), coastlines
 * from world-atlas (Natural Earth 1:110m land, TopoJSON) through topojson-client, and d3-geo drawing
 * GeoJSON (coastlines, coverage circles, the night side) into Pixi Graphics with the antimeridian cut
 * where it belongs. The Sun's position for the day/night terminator follows the NOAA solar calculator's
 * approximations (to about 0.1 degree: plenty for a map).
 */
import { geoCircle, geoEquirectangular, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import type { Graphics } from 'pixi.js';
import land from 'world-atlas/land-110m.json';

export const MAP_W = 3600;
export const MAP_H = 1800;

export const projection = geoEquirectangular().scale(MAP_W / (2 * Math.PI)).translate([MAP_W / 2, MAP_H / 2]).precision(0.5);

/** Map units of a longitude and latitude (no wrapping: the caller handles the antimeridian). */
export function toMap(latDeg: number, lonDeg: number): [number, number] {
  return [((lonDeg + 180) / 360) * MAP_W, ((90 - latDeg) / 180) * MAP_H];
}

/** A d3-geo path context that draws into a Pixi Graphics. */
function context(g: Graphics) {
  return {
    moveTo: (x: number, y: number) => void g.moveTo(x, y),
    lineTo: (x: number, y: number) => void g.lineTo(x, y),
    closePath: () => void g.closePath(),
    arc: (x: number, y: number, r: number) => void g.circle(x, y, r),
  };
}

/** Add GeoJSON to a 2D canvas path (map units: the caller's transform places it). */
export function drawGeoCanvas(ctx: CanvasRenderingContext2D, object: GeoPermissibleObjects): void {
  geoPath(projection, ctx)(object);
}

export function drawGeo(g: Graphics, object: GeoPermissibleObjects): void {
  geoPath(projection, context(g) as unknown as CanvasRenderingContext2D)(object);
}

export function landFeature(): GeoPermissibleObjects {
  const topo = land as unknown as Topology<{ land: GeometryObject }>;
  return feature(topo, topo.objects.land) as unknown as GeoPermissibleObjects;
}

/** A small circle on the ground: `radiusKm` around a point. */
export function groundCircle(latDeg: number, lonDeg: number, radiusKm: number): GeoPermissibleObjects {
  return geoCircle().center([lonDeg, latDeg]).radius(radiusKm / 111.195).precision(2)();
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
