import { describe, expect, it } from 'vitest';
import { analyseSequences, type FrameRecord, formatFrameList, parseFrameName } from '../../src/domain';

const ok = (key: string, extra: Partial<FrameRecord> = {}): FrameRecord => ({
  key,
  status: 'ok',
  width: 1920,
  height: 1080,
  channels: 'B:HALF,G:HALF,R:HALF',
  decoded: true,
  black: false,
  uniform: false,
  fingerprint: key,
  ...extra,
});

describe('parseFrameName', () => {
  it.each([
    ['shots/sh010/shot010_comp_v003.1001.exr', 'shots/sh010/', 'shot010_comp_v003.', 1001, '.exr'],
    ['plate_0042.DPX', '', 'plate_', 42, '.dpx'],
    ['beauty-7.exr', '', 'beauty-', 7, '.exr'],
    ['comp1001.exr', '', 'comp', 1001, '.exr'],
    ['beauty.exr', '', 'beauty', null, '.exr'],
    ['shot_20240101123.exr', '', 'shot_20240101123', null, '.exr'],
    ['noext1001', '', 'noext', 1001, ''],
  ] as const)('splits %s', (key, dir, prefix, frame, extension) => {
    expect(parseFrameName(key)).toMatchObject({ dir, prefix, frame, extension });
  });
});

describe('formatFrameList', () => {
  it('compresses runs into ranges, with a step when given', () => {
    expect(formatFrameList([1005, 1001, 1002, 1003, 1010])).toEqual(['1001-1003', '1005', '1010']);
    expect(formatFrameList([1, 3, 5, 9], 2)).toEqual(['1-5x2', '9']);
    expect(formatFrameList([])).toEqual([]);
  });
});

describe('analyseSequences', () => {
  it('finds gaps, black and flat frames, identical content and resolution changes in one sequence', () => {
    const p = 'r/sh010.';
    const [report, ...rest] = analyseSequences([
      ok(`${p}1001.exr`),
      ok(`${p}1002.exr`, { fingerprint: 'same' }),
      ok(`${p}1005.exr`, { black: true, uniform: true }),
      ok(`${p}1006.exr`, { uniform: true }),
      ok(`${p}1007.exr`, { fingerprint: 'same', width: 960, height: 540 }),
      ok(`${p}1010.exr`),
    ]);
    expect(rest).toEqual([]);
    expect(report).toMatchObject({
      pattern: 'r/sh010.%04d.exr',
      frameCount: 6,
      firstFrame: 1001,
      lastFrame: 1010,
      step: 1,
      missing: ['1003-1004', '1008-1009'],
      missingCount: 4,
      blackFrames: [1005],
      uniformFrames: [1006],
      identicalContent: [{ frames: [1002, 1007] }],
      rerenderFrames: [1003, 1004, 1005, 1006, 1008, 1009],
    });
    expect(report?.changes).toEqual([
      { frame: 1007, key: `${p}1007.exr`, field: 'resolution', from: '1920x1080', to: '960x540' },
      { frame: 1010, key: `${p}1010.exr`, field: 'resolution', from: '960x540', to: '1920x1080' },
    ]);
  });

  it('believes a render on twos only when three frames show the step', () => {
    const [twos] = analyseSequences(['a.1001.exr', 'a.1003.exr', 'a.1005.exr', 'a.1009.exr'].map((k) => ok(k)));
    expect(twos).toMatchObject({ step: 2, missing: ['1007'], missingCount: 1 });
    const [pair] = analyseSequences(['b.1001.exr', 'b.1003.exr'].map((k) => ok(k)));
    expect(pair).toMatchObject({ step: 1, missing: ['1002'] });
  });

  it('reports the same frame number written twice and unreadable frames, and keeps stills apart', () => {
    const reports = analyseSequences([
      ok('p/plate_1001.dpx'),
      ok('p/plate_1002.dpx'),
      ok('p/plate_01002.dpx'),
      { key: 'p/plate_1003.dpx', status: 'failed', reason: 'InvalidFrame: truncated' },
      ok('p/still.dpx'),
      ok('p/other.dpx'),
    ]);
    expect(reports.map((r) => r.pattern)).toEqual(['p/other.dpx', 'p/plate_%04d.dpx', 'p/still.dpx']);
    const plate = reports[1];
    expect(plate?.duplicateFrameNumbers).toEqual([{ frame: 1002, keys: ['p/plate_01002.dpx', 'p/plate_1002.dpx'] }]);
    expect(plate?.unreadable).toEqual([{ key: 'p/plate_1003.dpx', frame: 1003, reason: 'InvalidFrame: truncated' }]);
    expect(plate?.rerenderFrames).toEqual([1003]);
    expect(reports[0]).toMatchObject({ frameCount: 1, firstFrame: null, problemCount: 0, rerenderFrames: [] });
  });

  it('counts a huge gap without listing every frame to re-render', () => {
    const [report] = analyseSequences([ok('x.1.exr'), ok('x.50000.exr')]);
    expect(report).toMatchObject({ missing: ['2-49999'], missingCount: 49998, rerenderFrames: [] });
  });
});
