import { type FrameName, parseFrameName, sequenceIdOf, sequencePattern } from './frame-name';

/** What the per-file step found out about one frame, as the sequence check needs it. */
export interface FrameRecord {
  key: string;
  /** `failed`: the file could not be read as EXR/DPX (truncated, wrong magic...). */
  status: 'ok' | 'failed';
  reason?: string;
  /** Image size (EXR data window, DPX pixels x lines). */
  width?: number;
  height?: number;
  /** EXR display window as `xMin,yMin,xMax,yMax`; DPX has none. */
  displayWindow?: string;
  /** Channel layout, e.g. `B:HALF,G:HALF,R:HALF` or `RGB:10`. */
  channels?: string;
  decoded?: boolean;
  black?: boolean;
  uniform?: boolean;
  /** Hash of the bytes sampled from the frame: equal hashes mean the same content. */
  fingerprint?: string;
}

export interface SequenceChange {
  frame: number;
  key: string;
  field: 'resolution' | 'channels' | 'displayWindow';
  from: string;
  to: string;
}

export interface SequenceReport {
  /** printf-style pattern, e.g. `shots/sh010/comp.%04d.exr`; the key itself for a still. */
  pattern: string;
  frameCount: number;
  firstFrame: number | null;
  lastFrame: number | null;
  /** Frame step (2 for a render "on twos"); 1 for continuous sequences. */
  step: number;
  /** Missing frame ranges, e.g. `1003-1004`; at most MAX_LISTED entries (see missingCount). */
  missing: string[];
  missingCount: number;
  /** The same frame number written twice (e.g. `0999` and `999`). */
  duplicateFrameNumbers: { frame: number; keys: string[] }[];
  /** Different frames with identical sampled content. */
  identicalContent: { frames: number[]; keys: string[] }[];
  blackFrames: number[];
  /** Flat frames that are not black (all sampled pixels the same value). */
  uniformFrames: number[];
  notDecoded: number;
  unreadable: { key: string; frame: number | null; reason: string }[];
  changes: SequenceChange[];
  /** Frames worth rendering again: missing, unreadable, black or flat. */
  rerenderFrames: number[];
  problemCount: number;
}

const MAX_LISTED = 100;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** `1003`, `1003-1005` or, for a stepped sequence, `1003-1007x2`. */
const formatRange = (from: number, to: number, step: number): string =>
  from === to ? String(from) : step === 1 ? `${from}-${to}` : `${from}-${to}x${step}`;

/** Compresses frame numbers into ranges (`1001-1003,1005`), each range on the given step. */
export const formatFrameList = (frames: readonly number[], step = 1): string[] => {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  for (const f of sorted) {
    if (start !== undefined && prev !== undefined && f === prev + step) {
      prev = f;
      continue;
    }
    if (start !== undefined && prev !== undefined) ranges.push(formatRange(start, prev, step));
    start = f;
    prev = f;
  }
  if (start !== undefined && prev !== undefined) ranges.push(formatRange(start, prev, step));
  return ranges;
};

const missingRanges = (present: readonly number[], step: number): { ranges: string[]; count: number } => {
  const ranges: string[] = [];
  let count = 0;
  for (let i = 1; i < present.length; i++) {
    const prev = present[i - 1] ?? 0;
    const next = present[i] ?? 0;
    if (next - prev <= step) continue;
    const from = prev + step;
    const to = next - step;
    count += Math.floor((to - from) / step) + 1;
    if (ranges.length < MAX_LISTED) ranges.push(formatRange(from, to, step));
  }
  return { ranges, count };
};

/** Frames that are worth a re-render; missing frames are expanded up to a bound (huge gaps are listed). */
const MAX_RERENDER_FRAMES = 10_000;

const analyseOne = (names: FrameName[], records: FrameRecord[]): SequenceReport => {
  const entries = names.map((name, i) => ({ name, record: records[i] as FrameRecord }));
  entries.sort((a, b) => (a.name.frame ?? 0) - (b.name.frame ?? 0) || a.record.key.localeCompare(b.record.key));
  const numbered = entries.filter((e) => e.name.frame !== null);
  const present = [...new Set(numbered.map((e) => e.name.frame ?? 0))];
  const diffs = present.slice(1).map((f, i) => f - (present[i] ?? 0));
  const common = diffs.reduce((g, d) => gcd(g, d), 0);
  // A step above 1 is only believed when at least three frames show it (two frames may simply have a gap).
  const step = present.length >= 3 && common > 1 ? common : 1;
  const missing = missingRanges(present, step);

  const byFrame = new Map<number, string[]>();
  for (const e of numbered) byFrame.set(e.name.frame ?? 0, [...(byFrame.get(e.name.frame ?? 0) ?? []), e.record.key]);
  const duplicateFrameNumbers = [...byFrame.entries()]
    .filter(([, keys]) => keys.length > 1)
    .map(([frame, keys]) => ({ frame, keys }));

  const byFingerprint = new Map<string, typeof entries>();
  for (const e of entries) {
    const fp = e.record.status === 'ok' ? e.record.fingerprint : undefined;
    if (fp) byFingerprint.set(fp, [...(byFingerprint.get(fp) ?? []), e]);
  }
  const identicalContent = [...byFingerprint.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({ frames: group.map((e) => e.name.frame ?? 0), keys: group.map((e) => e.record.key) }));

  const ok = entries.filter((e) => e.record.status === 'ok');
  const frameOf = (e: (typeof entries)[number]) => e.name.frame ?? 0;
  const blackFrames = ok.filter((e) => e.record.black).map(frameOf);
  const uniformFrames = ok.filter((e) => e.record.uniform && !e.record.black).map(frameOf);
  const unreadable = entries
    .filter((e) => e.record.status === 'failed')
    .map((e) => ({ key: e.record.key, frame: e.name.frame, reason: e.record.reason ?? 'unreadable' }));

  const changes: SequenceChange[] = [];
  let previous: FrameRecord | undefined;
  for (const e of ok) {
    const r = e.record;
    if (previous) {
      const fields: [SequenceChange['field'], string | undefined, string | undefined][] = [
        ['resolution', sizeOf(previous), sizeOf(r)],
        ['channels', previous.channels, r.channels],
        ['displayWindow', previous.displayWindow, r.displayWindow],
      ];
      for (const [field, from, to] of fields) {
        if (from !== to) changes.push({ frame: frameOf(e), key: r.key, field, from: from ?? '', to: to ?? '' });
      }
    }
    previous = r;
  }

  const rerender = new Set<number>([
    ...blackFrames,
    ...uniformFrames,
    ...unreadable.flatMap((u) => (u.frame === null ? [] : [u.frame])),
  ]);
  if (missing.count <= MAX_RERENDER_FRAMES) {
    for (let i = 1; i < present.length; i++) {
      for (let f = (present[i - 1] ?? 0) + step; f < (present[i] ?? 0); f += step) rerender.add(f);
    }
  }
  const rerenderFrames = numbered.length === 0 ? [] : [...rerender].sort((a, b) => a - b);
  const notDecoded = ok.filter((e) => e.record.decoded === false).length;
  return {
    pattern: sequencePattern(names),
    frameCount: entries.length,
    firstFrame: present[0] ?? null,
    lastFrame: present.at(-1) ?? null,
    step,
    missing: missing.ranges,
    missingCount: missing.count,
    duplicateFrameNumbers,
    identicalContent,
    blackFrames,
    uniformFrames,
    notDecoded,
    unreadable,
    changes,
    rerenderFrames,
    problemCount:
      missing.count +
      duplicateFrameNumbers.length +
      identicalContent.length +
      blackFrames.length +
      uniformFrames.length +
      unreadable.length +
      changes.length,
  };
};

const sizeOf = (r: FrameRecord): string | undefined =>
  r.width === undefined || r.height === undefined ? undefined : `${r.width}x${r.height}`;

/**
 * Groups frames into sequences (same directory, prefix and extension) and reports, per sequence, gaps,
 * duplicate frame numbers, identical content, black/flat frames, unreadable files and mid-sequence changes
 * of resolution, channels or display window. Files without a frame number are one-frame sequences.
 */
export const analyseSequences = (records: readonly FrameRecord[]): SequenceReport[] => {
  const groups = new Map<string, { names: FrameName[]; records: FrameRecord[] }>();
  for (const record of records) {
    const name = parseFrameName(record.key);
    const id = name.frame === null ? `still:${record.key}` : sequenceIdOf(name);
    const group = groups.get(id) ?? { names: [], records: [] };
    group.names.push(name);
    group.records.push(record);
    groups.set(id, group);
  }
  return [...groups.values()]
    .map((g) => analyseOne(g.names, g.records))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
};
