/**
 * The live game's part of the scenario model (scenario `live:`): cells, orders, adjudication. The engine
 * does not read it; the server (viewer/server/) does. Resolved by scenarios/resolve-live.ts.
 */

/** What a nation cell may order (the white cell's injects can do all of it and more). */
export const ORDER_KINDS = ['task-sensor', 'manoeuvre', 'jammer', 'engage', 'agreement'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export interface CellModel {
  readonly id: string;
  readonly name: string;
  /** Declared nations staffing the cell, sorted; each nation is in one cell. */
  readonly nations: readonly string[];
}

export interface ObserverModel {
  readonly id: string;
  readonly name: string;
  /** The declared nation whose picture the observer watches. */
  readonly picture: string;
}

export interface LiveModel {
  readonly adjudication: 'automatic' | 'white';
  readonly orders: readonly OrderKind[];
  /** Nation cells in scenario order, then one per declared nation no cell names (scenario order). */
  readonly cells: readonly CellModel[];
  readonly observers: readonly ObserverModel[];
  readonly frameHz: number;
  readonly speed: number;
}

/** A scenario without `live:` and no nations (tests build models by hand with it). */
export const LIVE_NONE: LiveModel = Object.freeze({ adjudication: 'white', orders: [], cells: [], observers: [], frameHz: 5, speed: 60 });
