import type { BBox } from '../geometry';

export interface ElementCounts {
  boundary: number;
  path: number;
  box: number;
  text: number;
  node: number;
  sref: number;
  aref: number;
}

export const emptyCounts = (): ElementCounts => ({ boundary: 0, path: 0, box: 0, text: 0, node: 0, sref: 0, aref: 0 });

/** Elements drawn on one layer / datatype (BOXTYPE, TEXTTYPE and NODETYPE count as the datatype). */
export interface LayerUse {
  layer: number;
  datatype: number;
  elements: number;
}

export interface StructureSummary {
  name: string;
  elements: ElementCounts;
  layers: LayerUse[];
  /** Referenced structures with how many SREF/AREF records name them. */
  references: { name: string; count: number }[];
  /** Own geometry only (BOUNDARY, BOX, PATH with half its width), database units. */
  ownBbox: BBox | null;
  /** Own geometry plus every placed child, database units. */
  bbox: BBox | null;
  /** `bbox` in user units (database units × UNITS[0]). */
  bboxUser: BBox | null;
  isTop: boolean;
}

export interface GdsLibrarySummary {
  format: 'GDSII';
  /** HEADER stream version (e.g. 3, 5, 600). */
  version: number;
  /** BGNLIB last-modification and last-access times, as written (no time zone in GDSII). */
  modified: string | null;
  accessed: string | null;
  libraryName: string;
  units: { userUnitsPerDbUnit: number; metersPerDbUnit: number };
  structures: StructureSummary[];
  /** Structures no other structure references. */
  topCells: string[];
  /** Union of the top cells' hierarchical boxes, database units, user units and micrometres. */
  bbox: BBox | null;
  bboxUser: BBox | null;
  bboxMicrons: BBox | null;
  elementTotals: ElementCounts;
  layerUsage: LayerUse[];
  /** Every record of the walk by record name (unknown types as `0xNN`), ENDLIB included. */
  recordCounts: Record<string, number>;
  recordTotal: number;
  /** SREF/AREF names without a structure in this library (left out of the boxes). */
  missingReferences: string[];
  /** Bytes up to and including ENDLIB. */
  bytesWalked: number;
  warnings: string[];
}
