/** Axis-aligned bounding box; coordinates in the unit of whoever made it (database units here). */
export interface BBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export const unionBox = (a: BBox | null, b: BBox | null): BBox | null => {
  if (a === null) return b;
  if (b === null) return a;
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
};

export const boxOfPoints = (xs: readonly number[], ys: readonly number[], grow = 0): BBox | null => {
  if (xs.length === 0) return null;
  return {
    minX: Math.min(...xs) - grow,
    minY: Math.min(...ys) - grow,
    maxX: Math.max(...xs) + grow,
    maxY: Math.max(...ys) + grow,
  };
};

export const translateBox = (box: BBox, dx: number, dy: number): BBox => ({
  minX: box.minX + dx,
  minY: box.minY + dy,
  maxX: box.maxX + dx,
  maxY: box.maxY + dy,
});

export const scaleBox = (box: BBox, factor: number): BBox => ({
  minX: box.minX * factor,
  minY: box.minY * factor,
  maxX: box.maxX * factor,
  maxY: box.maxY * factor,
});

export const widthOf = (box: BBox) => box.maxX - box.minX;
export const heightOf = (box: BBox) => box.maxY - box.minY;

/** A GDSII placement: reflect about x (before rotating), magnify, rotate counter-clockwise, translate. */
export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly reflectX: boolean;
  readonly magnification: number;
  /** Degrees, counter-clockwise. */
  readonly angle: number;
}

/** cos/sin with exact values at multiples of 90°, so Manhattan placements stay on the integer grid. */
const cosSin = (degrees: number): [number, number] => {
  const quarter = degrees / 90;
  if (Number.isInteger(quarter)) {
    const turns = ((quarter % 4) + 4) % 4;
    return (
      [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ] as const
    )[turns] as [number, number];
  }
  const radians = (degrees * Math.PI) / 180;
  return [Math.cos(radians), Math.sin(radians)];
};

/**
 * The bounding box of a placed child box. Exact for multiples of 90°; for other angles it bounds the four
 * transformed corners, which contains the rotated geometry but may be larger than its tight box.
 */
export const placeBox = (box: BBox, placement: Placement): BBox => {
  const [cos, sin] = cosSin(placement.angle);
  const m = placement.magnification;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [px, rawY] of [
    [box.minX, box.minY],
    [box.minX, box.maxY],
    [box.maxX, box.minY],
    [box.maxX, box.maxY],
  ] as const) {
    const py = placement.reflectX ? -rawY : rawY;
    xs.push(m * (px * cos - py * sin) + placement.x);
    ys.push(m * (px * sin + py * cos) + placement.y);
  }
  return boxOfPoints(xs, ys) ?? box;
};
