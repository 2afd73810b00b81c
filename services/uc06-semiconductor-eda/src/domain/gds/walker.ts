import { LayoutParseError } from '../errors';
import { type BBox, boxOfPoints, type Placement, placeBox, scaleBox, translateBox, unionBox } from '../geometry';
import { decodeIbmFloat64 } from '../ibm-float';
import type { GdsRecord } from './record-reader';
import { DT, RT, recordName } from './record-types';
import {
  type ElementCounts,
  emptyCounts,
  type GdsLibrarySummary,
  type LayerUse,
  type StructureSummary,
} from './summary';

type ElementKind = keyof ElementCounts;

const ELEMENT_STARTS: ReadonlyMap<number, ElementKind> = new Map([
  [RT.BOUNDARY, 'boundary'],
  [RT.PATH, 'path'],
  [RT.BOX, 'box'],
  [RT.TEXT, 'text'],
  [RT.NODE, 'node'],
  [RT.SREF, 'sref'],
  [RT.AREF, 'aref'],
]);

/** Library-level records allowed between BGNLIB and the first structure. */
const LIBRARY_RECORDS = new Set([0x1f, 0x20, 0x22, 0x23, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b]);

interface Reference {
  child: string;
  placement: Placement;
  /** AREF lattice: columns × rows, with the per-step displacement vectors. */
  lattice?: { cols: number; rows: number; colStep: [number, number]; rowStep: [number, number] };
}

interface Structure {
  name: string;
  counts: ElementCounts;
  layers: Map<string, LayerUse>;
  refs: Reference[];
  ownBox: BBox | null;
}

interface Element {
  kind: ElementKind;
  offset: number;
  layer?: number;
  datatype?: number;
  width: number;
  sname?: string;
  reflectX: boolean;
  magnification: number;
  angle: number;
  colrow?: [number, number];
  xy?: Int32Array;
}

type Context = 'start' | 'header' | 'library' | 'units' | 'structure-name' | 'structure' | 'element' | 'done';

const MAX_WARNINGS = 20;

const ascii = (data: Uint8Array): string => {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end -= 1;
  return new TextDecoder('latin1').decode(data.subarray(0, end));
};

const int16s = (record: GdsRecord): number[] => {
  const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 2 <= record.data.length; i += 2) out.push(view.getInt16(i));
  return out;
};

const int32s = (record: GdsRecord): Int32Array => {
  const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
  const out = new Int32Array(record.data.length >> 2);
  for (let i = 0; i < out.length; i += 1) out[i] = view.getInt32(i * 4);
  return out;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A BGNLIB time as written; years below 1900 were stored as years since 1900 by older writers. */
const timestamp = (values: readonly number[]): string | null => {
  const [rawYear = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = values;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const year = rawYear < 1900 ? rawYear + 1900 : rawYear;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
};

/**
 * Walks every record of a GDSII library in order and keeps only summaries: counts, layer use, each
 * structure's own box and its references. Feed records with `accept` until it returns true (ENDLIB),
 * then `finish` resolves the hierarchy into boxes.
 */
export class GdsWalker {
  private context: Context = 'start';
  private version = 0;
  private modified: string | null = null;
  private accessed: string | null = null;
  private libraryName = '';
  private units: { userUnitsPerDbUnit: number; metersPerDbUnit: number } | undefined;
  private readonly structures = new Map<string, Structure>();
  private current: Structure | undefined;
  private element: Element | undefined;
  private readonly recordCounts: Record<string, number> = {};
  private recordTotal = 0;
  private bytesWalked = 0;
  private readonly warnings: string[] = [];

  /** Returns true once ENDLIB has been read. */
  accept(record: GdsRecord): boolean {
    const name = recordName(record.type);
    this.recordCounts[name] = (this.recordCounts[name] ?? 0) + 1;
    this.recordTotal += 1;
    this.bytesWalked = record.offset + 4 + record.data.length;
    switch (this.context) {
      case 'start':
        if (record.type !== RT.HEADER) {
          throw new LayoutParseError(`not a GDSII stream: first record is ${name}, not HEADER`, record.offset);
        }
        this.version = this.int16(record, 'HEADER')[0] ?? 0;
        this.context = 'header';
        return false;
      case 'header':
        this.expect(record, RT.BGNLIB, 'BGNLIB after HEADER');
        {
          const values = this.int16(record, 'BGNLIB');
          this.modified = timestamp(values.slice(0, 6));
          this.accessed = timestamp(values.slice(6, 12));
        }
        this.context = 'library';
        return false;
      case 'library':
        return this.libraryRecord(record, name);
      case 'units':
        return this.afterUnits(record, name);
      case 'structure-name':
        this.expect(record, RT.STRNAME, 'STRNAME after BGNSTR');
        this.beginStructure(this.string(record, 'STRNAME'), record.offset);
        this.context = 'structure';
        return false;
      case 'structure':
        return this.structureRecord(record, name);
      case 'element':
        this.elementRecord(record, name);
        return false;
      case 'done':
        throw new LayoutParseError(`record ${name} after ENDLIB`, record.offset);
    }
  }

  private libraryRecord(record: GdsRecord, name: string): boolean {
    if (record.type === RT.LIBNAME) {
      this.libraryName = this.string(record, 'LIBNAME');
      return false;
    }
    if (record.type === RT.UNITS) {
      this.checkType(record, DT.REAL8, 'UNITS');
      if (record.data.length !== 16) throw new LayoutParseError('UNITS must hold two 8-byte reals', record.offset);
      const userUnitsPerDbUnit = decodeIbmFloat64(record.data, 0);
      const metersPerDbUnit = decodeIbmFloat64(record.data, 8);
      if (!(userUnitsPerDbUnit > 0) || !(metersPerDbUnit > 0)) {
        throw new LayoutParseError(
          `UNITS must be positive, got ${userUnitsPerDbUnit} user units and ${metersPerDbUnit} m per database unit`,
          record.offset,
        );
      }
      this.units = { userUnitsPerDbUnit, metersPerDbUnit };
      this.context = 'units';
      return false;
    }
    if (LIBRARY_RECORDS.has(record.type) || record.type >= 0x3c) return false;
    throw new LayoutParseError(`unexpected ${name} before UNITS`, record.offset);
  }

  private afterUnits(record: GdsRecord, name: string): boolean {
    if (record.type === RT.BGNSTR) {
      this.context = 'structure-name';
      return false;
    }
    if (record.type === RT.ENDLIB) {
      this.context = 'done';
      return true;
    }
    if (record.type >= 0x3c) return false;
    throw new LayoutParseError(`unexpected ${name} between structures`, record.offset);
  }

  private beginStructure(name: string, offset: number) {
    if (this.structures.has(name)) {
      this.warn(`structure ${name} is defined twice (offset ${offset}); the later definition is merged into the first`);
    }
    this.current = this.structures.get(name) ?? {
      name,
      counts: emptyCounts(),
      layers: new Map(),
      refs: [],
      ownBox: null,
    };
    this.structures.set(name, this.current);
  }

  private structureRecord(record: GdsRecord, name: string): boolean {
    const kind = ELEMENT_STARTS.get(record.type);
    if (kind !== undefined) {
      this.element = { kind, offset: record.offset, width: 0, reflectX: false, magnification: 1, angle: 0 };
      this.context = 'element';
      return false;
    }
    if (record.type === RT.ENDSTR) {
      this.current = undefined;
      this.context = 'units';
      return false;
    }
    // STRCLASS and unknown extension records may sit between elements.
    if (record.type === 0x34 || record.type >= 0x3c) return false;
    throw new LayoutParseError(`unexpected ${name} inside structure ${this.current?.name ?? '?'}`, record.offset);
  }

  private elementRecord(record: GdsRecord, name: string) {
    const element = this.element;
    if (element === undefined) throw new LayoutParseError('element state lost', record.offset);
    switch (record.type) {
      case RT.LAYER:
        element.layer = this.int16(record, 'LAYER')[0];
        return;
      case RT.DATATYPE:
      case RT.TEXTTYPE:
      case RT.NODETYPE:
      case RT.BOXTYPE:
        element.datatype = this.int16(record, name)[0];
        return;
      case RT.WIDTH:
        this.checkType(record, DT.INT32, 'WIDTH');
        // A negative width is absolute (not scaled by references); its extent is the same.
        element.width = Math.abs(int32s(record)[0] ?? 0);
        return;
      case RT.SNAME:
        element.sname = this.string(record, 'SNAME');
        return;
      case RT.STRANS: {
        this.checkType(record, DT.BITARRAY, 'STRANS');
        element.reflectX = ((record.data[0] ?? 0) & 0x80) !== 0;
        return;
      }
      case RT.MAG:
        element.magnification = this.real(record, 'MAG');
        return;
      case RT.ANGLE:
        element.angle = this.real(record, 'ANGLE');
        return;
      case RT.COLROW: {
        const [cols = 0, rows = 0] = this.int16(record, 'COLROW');
        if (cols < 1 || rows < 1) throw new LayoutParseError(`COLROW ${cols}×${rows} is empty`, record.offset);
        element.colrow = [cols, rows];
        return;
      }
      case RT.XY:
        this.checkType(record, DT.INT32, 'XY');
        if (record.data.length === 0 || record.data.length % 8 !== 0) {
          throw new LayoutParseError(`XY of ${record.data.length} bytes is not a list of i32 pairs`, record.offset);
        }
        element.xy = int32s(record);
        return;
      case RT.ENDEL:
        this.finishElement(element, record.offset);
        this.element = undefined;
        this.context = 'structure';
        return;
      case RT.ENDSTR:
      case RT.ENDLIB:
      case RT.BGNSTR:
        throw new LayoutParseError(`${name} inside an unfinished ${element.kind.toUpperCase()} element`, record.offset);
      default:
        if (ELEMENT_STARTS.has(record.type)) {
          throw new LayoutParseError(
            `${name} inside an unfinished ${element.kind.toUpperCase()} element`,
            record.offset,
          );
        }
      // ELFLAGS, PLEX, PATHTYPE, BGNEXTN/ENDEXTN, PRESENTATION, STRING, properties: counted, no geometry.
    }
  }

  private finishElement(element: Element, endOffset: number) {
    const structure = this.current;
    if (structure === undefined) throw new LayoutParseError('element outside a structure', element.offset);
    const xy = element.xy;
    if (xy === undefined) {
      throw new LayoutParseError(`${element.kind.toUpperCase()} element without XY`, element.offset);
    }
    structure.counts[element.kind] += 1;
    if (element.kind === 'sref' || element.kind === 'aref') {
      structure.refs.push(this.reference(element, xy, endOffset));
      return;
    }
    if (element.layer === undefined) {
      throw new LayoutParseError(`${element.kind.toUpperCase()} element without LAYER`, element.offset);
    }
    const datatype = element.datatype ?? 0;
    const layerKey = `${element.layer}/${datatype}`;
    const use = structure.layers.get(layerKey) ?? { layer: element.layer, datatype, elements: 0 };
    use.elements += 1;
    structure.layers.set(layerKey, use);
    // Texts and nodes are annotations without area: counted, not part of the box (as layout viewers do).
    if (element.kind === 'text' || element.kind === 'node') return;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2) {
      xs.push(xy[i] ?? 0);
      ys.push(xy[i + 1] ?? 0);
    }
    // PATH: half the width on every side bounds every end style (flush, round, extended).
    const grow = element.kind === 'path' ? element.width / 2 : 0;
    structure.ownBox = unionBox(structure.ownBox, boxOfPoints(xs, ys, grow));
  }

  private reference(element: Element, xy: Int32Array, endOffset: number): Reference {
    const kind = element.kind.toUpperCase();
    if (element.sname === undefined) throw new LayoutParseError(`${kind} without SNAME`, element.offset);
    const placement: Placement = {
      x: xy[0] ?? 0,
      y: xy[1] ?? 0,
      reflectX: element.reflectX,
      magnification: element.magnification,
      angle: element.angle,
    };
    if (element.kind === 'sref') {
      if (xy.length !== 2) throw new LayoutParseError(`SREF needs 1 XY point, has ${xy.length / 2}`, element.offset);
      return { child: element.sname, placement };
    }
    if (xy.length !== 6) throw new LayoutParseError(`AREF needs 3 XY points, has ${xy.length / 2}`, element.offset);
    if (element.colrow === undefined) throw new LayoutParseError('AREF without COLROW', endOffset);
    const [cols, rows] = element.colrow;
    const [x0 = 0, y0 = 0, xc = 0, yc = 0, xr = 0, yr = 0] = xy;
    return {
      child: element.sname,
      placement,
      lattice: {
        cols,
        rows,
        colStep: [(xc - x0) / cols, (yc - y0) / cols],
        rowStep: [(xr - x0) / rows, (yr - y0) / rows],
      },
    };
  }

  /** Resolves the hierarchy: each structure's box includes its placed children; top cells are the unreferenced. */
  finish(): GdsLibrarySummary {
    if (this.context !== 'done') {
      throw new LayoutParseError(`truncated: the stream ends before ENDLIB (${this.context})`, this.bytesWalked);
    }
    const units = this.units ?? { userUnitsPerDbUnit: 1, metersPerDbUnit: 1 };
    const referenced = new Set<string>();
    const missing = new Set<string>();
    for (const s of this.structures.values()) {
      for (const r of s.refs) {
        if (this.structures.has(r.child)) referenced.add(r.child);
        else missing.add(r.child);
      }
    }
    const boxes = this.hierarchicalBoxes(missing);
    const structures: StructureSummary[] = [...this.structures.values()].map((s) => {
      const bbox = boxes.get(s.name) ?? null;
      const byChild = new Map<string, number>();
      for (const r of s.refs) byChild.set(r.child, (byChild.get(r.child) ?? 0) + 1);
      return {
        name: s.name,
        elements: { ...s.counts },
        layers: sortLayers([...s.layers.values()]),
        references: [...byChild].map(([name, count]) => ({ name, count })),
        ownBbox: s.ownBox,
        bbox,
        bboxUser: bbox && scaleBox(bbox, units.userUnitsPerDbUnit),
        isTop: !referenced.has(s.name),
      };
    });
    const topCells = structures.filter((s) => s.isTop).map((s) => s.name);
    let bbox: BBox | null = null;
    for (const s of structures) if (s.isTop) bbox = unionBox(bbox, s.bbox);
    const totals = emptyCounts();
    const layerUsage = new Map<string, LayerUse>();
    for (const s of structures) {
      for (const k of Object.keys(totals) as ElementKind[]) totals[k] += s.elements[k];
      for (const l of s.layers) {
        const key = `${l.layer}/${l.datatype}`;
        const use = layerUsage.get(key) ?? { layer: l.layer, datatype: l.datatype, elements: 0 };
        use.elements += l.elements;
        layerUsage.set(key, use);
      }
    }
    return {
      format: 'GDSII',
      version: this.version,
      modified: this.modified,
      accessed: this.accessed,
      libraryName: this.libraryName,
      units,
      structures,
      topCells,
      bbox,
      bboxUser: bbox && scaleBox(bbox, units.userUnitsPerDbUnit),
      bboxMicrons: bbox && scaleBox(bbox, units.metersPerDbUnit * 1e6),
      elementTotals: totals,
      layerUsage: sortLayers([...layerUsage.values()]),
      recordCounts: { ...this.recordCounts },
      recordTotal: this.recordTotal,
      missingReferences: [...missing].sort(),
      bytesWalked: this.bytesWalked,
      warnings: [...this.warnings],
    };
  }

  private hierarchicalBoxes(missing: ReadonlySet<string>): Map<string, BBox | null> {
    const done = new Map<string, BBox | null>();
    const visiting = new Set<string>();
    // Depth-first with an explicit stack: deep hierarchies must not exhaust the call stack.
    for (const root of this.structures.keys()) {
      if (done.has(root)) continue;
      const stack: { name: string; expanded: boolean }[] = [{ name: root, expanded: false }];
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as { name: string; expanded: boolean };
        const s = this.structures.get(frame.name);
        if (s === undefined || done.has(frame.name)) {
          stack.pop();
          continue;
        }
        if (!frame.expanded) {
          frame.expanded = true;
          visiting.add(frame.name);
          for (const r of s.refs) {
            if (missing.has(r.child) || done.has(r.child)) continue;
            if (visiting.has(r.child)) {
              throw new LayoutParseError(`recursive hierarchy: ${r.child} references itself through ${s.name}`, 0);
            }
            stack.push({ name: r.child, expanded: false });
          }
          continue;
        }
        let box = s.ownBox;
        for (const r of s.refs) box = unionBox(box, placedReferenceBox(done.get(r.child) ?? null, r));
        done.set(frame.name, box);
        visiting.delete(frame.name);
        stack.pop();
      }
    }
    return done;
  }

  private expect(record: GdsRecord, type: number, what: string) {
    if (record.type !== type) {
      throw new LayoutParseError(`expected ${what}, found ${recordName(record.type)}`, record.offset);
    }
  }

  private checkType(record: GdsRecord, dataType: number, what: string) {
    if (record.dataType !== dataType) {
      throw new LayoutParseError(`${what} has data type ${record.dataType}, expected ${dataType}`, record.offset);
    }
  }

  private int16(record: GdsRecord, what: string): number[] {
    this.checkType(record, DT.INT16, what);
    const values = int16s(record);
    if (values.length === 0) throw new LayoutParseError(`${what} has no value`, record.offset);
    return values;
  }

  private real(record: GdsRecord, what: string): number {
    this.checkType(record, DT.REAL8, what);
    if (record.data.length !== 8) throw new LayoutParseError(`${what} must hold one 8-byte real`, record.offset);
    return decodeIbmFloat64(record.data, 0);
  }

  private string(record: GdsRecord, what: string): string {
    this.checkType(record, DT.ASCII, what);
    return ascii(record.data);
  }

  private warn(message: string) {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
  }
}

const placedReferenceBox = (child: BBox | null, ref: Reference): BBox | null => {
  if (child === null) return null;
  const placed = placeBox(child, ref.placement);
  const lattice = ref.lattice;
  if (lattice === undefined) return placed;
  // The instances are translations of the first one, so the corner instances of the lattice bound them all.
  let box: BBox | null = null;
  for (const c of new Set([0, lattice.cols - 1])) {
    for (const r of new Set([0, lattice.rows - 1])) {
      const dx = c * lattice.colStep[0] + r * lattice.rowStep[0];
      const dy = c * lattice.colStep[1] + r * lattice.rowStep[1];
      box = unionBox(box, translateBox(placed, dx, dy));
    }
  }
  return box;
};

const sortLayers = (layers: LayerUse[]) => layers.sort((a, b) => a.layer - b.layer || a.datatype - b.datatype);
