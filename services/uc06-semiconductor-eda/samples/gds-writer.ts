import { DT, encodeIbmFloat64, RT } from '../src/domain';

/** What the sample generator can put in a structure; coordinates in database units. */
export type GdsElement =
  | { kind: 'boundary'; layer: number; datatype: number; points: readonly (readonly [number, number])[] }
  | { kind: 'box'; layer: number; boxtype: number; points: readonly (readonly [number, number])[] }
  | {
      kind: 'path';
      layer: number;
      datatype: number;
      width: number;
      pathtype?: number;
      points: readonly (readonly [number, number])[];
    }
  | { kind: 'text'; layer: number; texttype: number; x: number; y: number; text: string }
  | { kind: 'node'; layer: number; nodetype: number; points: readonly (readonly [number, number])[] }
  | { kind: 'sref'; name: string; x: number; y: number; transform?: RefTransform }
  | {
      kind: 'aref';
      name: string;
      cols: number;
      rows: number;
      origin: readonly [number, number];
      /** Pitch between columns and between rows (the writer computes the XY displacement points). */
      colPitch: readonly [number, number];
      rowPitch: readonly [number, number];
      transform?: RefTransform;
    };

export interface RefTransform {
  reflectX?: boolean;
  magnification?: number;
  angle?: number;
}

export interface GdsLibrarySpec {
  name: string;
  /** [user units per database unit, metres per database unit]. */
  units: readonly [number, number];
  structures: readonly { name: string; elements: readonly GdsElement[] }[];
  version?: number;
  /** BGNLIB times: [year, month, day, hour, minute, second]. */
  modified?: readonly number[];
}

const record = (type: number, dataType: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array => {
  const out = new Uint8Array(4 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, out.length);
  out[2] = type;
  out[3] = dataType;
  out.set(payload, 4);
  return out;
};

const int16 = (values: readonly number[]) => {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    view.setInt16(i * 2, v);
  });
  return out;
};

const int32 = (values: readonly number[]) => {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    view.setInt32(i * 4, v);
  });
  return out;
};

const ascii = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  // Strings are padded with one NUL to an even length.
  const out = new Uint8Array(bytes.length + (bytes.length % 2));
  out.set(bytes);
  return out;
};

const xy = (points: readonly (readonly [number, number])[]) => record(RT.XY, DT.INT32, int32(points.flat()));

const strans = (t: RefTransform | undefined): Uint8Array[] => {
  if (t === undefined) return [];
  const out = [record(RT.STRANS, DT.BITARRAY, int16([t.reflectX ? -0x8000 : 0]))];
  if (t.magnification !== undefined) out.push(record(RT.MAG, DT.REAL8, encodeIbmFloat64(t.magnification)));
  if (t.angle !== undefined) out.push(record(RT.ANGLE, DT.REAL8, encodeIbmFloat64(t.angle)));
  return out;
};

const closed = (points: readonly (readonly [number, number])[]) => {
  const first = points[0];
  return first === undefined ? points : [...points, first];
};

const element = (e: GdsElement): Uint8Array[] => {
  const endel = record(RT.ENDEL, DT.NONE);
  switch (e.kind) {
    case 'boundary':
      return [
        record(RT.BOUNDARY, DT.NONE),
        record(RT.LAYER, DT.INT16, int16([e.layer])),
        record(RT.DATATYPE, DT.INT16, int16([e.datatype])),
        xy(closed(e.points)),
        endel,
      ];
    case 'box':
      return [
        record(RT.BOX, DT.NONE),
        record(RT.LAYER, DT.INT16, int16([e.layer])),
        record(RT.BOXTYPE, DT.INT16, int16([e.boxtype])),
        xy(closed(e.points)),
        endel,
      ];
    case 'path':
      return [
        record(RT.PATH, DT.NONE),
        record(RT.LAYER, DT.INT16, int16([e.layer])),
        record(RT.DATATYPE, DT.INT16, int16([e.datatype])),
        record(0x21, DT.INT16, int16([e.pathtype ?? 0])),
        record(RT.WIDTH, DT.INT32, int32([e.width])),
        xy(e.points),
        endel,
      ];
    case 'text':
      return [
        record(RT.TEXT, DT.NONE),
        record(RT.LAYER, DT.INT16, int16([e.layer])),
        record(RT.TEXTTYPE, DT.INT16, int16([e.texttype])),
        xy([[e.x, e.y]]),
        record(RT.STRING, DT.ASCII, ascii(e.text)),
        endel,
      ];
    case 'node':
      return [
        record(RT.NODE, DT.NONE),
        record(RT.LAYER, DT.INT16, int16([e.layer])),
        record(RT.NODETYPE, DT.INT16, int16([e.nodetype])),
        xy(e.points),
        endel,
      ];
    case 'sref':
      return [
        record(RT.SREF, DT.NONE),
        record(RT.SNAME, DT.ASCII, ascii(e.name)),
        ...strans(e.transform),
        xy([[e.x, e.y]]),
        endel,
      ];
    case 'aref': {
      const [x, y] = e.origin;
      return [
        record(RT.AREF, DT.NONE),
        record(RT.SNAME, DT.ASCII, ascii(e.name)),
        ...strans(e.transform),
        record(RT.COLROW, DT.INT16, int16([e.cols, e.rows])),
        xy([
          [x, y],
          [x + e.cols * e.colPitch[0], y + e.cols * e.colPitch[1]],
          [x + e.rows * e.rowPitch[0], y + e.rows * e.rowPitch[1]],
        ]),
        endel,
      ];
    }
  }
};

/** A GDSII stream of the library (HEADER … ENDLIB), then zero padding to a 2048-byte block as tape writers do. */
export const writeGds = (spec: GdsLibrarySpec, options: { padToBlock?: boolean } = {}): Uint8Array => {
  const time = spec.modified ?? [2024, 5, 17, 9, 30, 0];
  const parts: Uint8Array[] = [
    record(RT.HEADER, DT.INT16, int16([spec.version ?? 600])),
    record(RT.BGNLIB, DT.INT16, int16([...time, ...time])),
    record(RT.LIBNAME, DT.ASCII, ascii(spec.name)),
    record(
      RT.UNITS,
      DT.REAL8,
      new Uint8Array([...encodeIbmFloat64(spec.units[0]), ...encodeIbmFloat64(spec.units[1])]),
    ),
  ];
  for (const s of spec.structures) {
    parts.push(record(RT.BGNSTR, DT.INT16, int16([...time, ...time])), record(RT.STRNAME, DT.ASCII, ascii(s.name)));
    for (const e of s.elements) parts.push(...element(e));
    parts.push(record(RT.ENDSTR, DT.NONE));
  }
  parts.push(record(RT.ENDLIB, DT.NONE));
  let length = parts.reduce((n, p) => n + p.length, 0);
  if (options.padToBlock) length = Math.ceil(length / 2048) * 2048;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
