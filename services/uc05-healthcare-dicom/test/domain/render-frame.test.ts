import { buildDicomSample, type DicomSampleSyntax } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { type FrameRendering, parseDicom, type RenderedFrame, renderFirstFrame } from '../../src/domain';
import {
  buildImageDicom,
  decodePngFilterNone,
  type ImageSpec,
  type ImageSyntax,
  monochrome,
  words16,
} from './render-frame-fixtures';

const render = (spec: ImageSpec, options = {}): FrameRendering =>
  renderFirstFrame(parseDicom(buildImageDicom(spec)), options);

const rendered = (result: FrameRendering): RenderedFrame => {
  if (result.kind !== 'rendered') throw new Error(`expected a rendering, got: ${result.reason}`);
  return result;
};

/** Pixels of the rendered PNG, read back by the test's own decoder. */
const pixelsOf = (result: FrameRendering): number[] => [...decodePngFilterNone(rendered(result).png).pixels];

const reasonOf = (result: FrameRendering): string => {
  if (result.kind !== 'not-renderable') throw new Error('expected not-renderable');
  return result.reason;
};

describe('renderFirstFrame: MONOCHROME2, 16-bit signed, rescale and LINEAR window', () => {
  // Stored (12 of 16 bits, signed) → modality x = 2·s − 100 → window C 50.5, W 256 (PS3.3 C.11.2.1.2.1):
  //   x ≤ 50.5 − 0.5 − 127.5 = −77 → 0;  x > 50 + 127.5 = 177.5 → 255;
  //   otherwise y = ((x − 50)/255 + 0.5)·255 = x + 77.5, rounded half up to x + 78.
  const stored = [-2048, -1, 0, 11, 12, 13, 50, 60, 100, 138, 139, 2047];
  // x:           -4196, -102, -100, -78, -76, -74, 0, 20, 100, 176, 178, 3994
  const expected = [0, 0, 0, 0, 2, 4, 78, 98, 178, 254, 255, 255];
  // Bits 12–15 carry junk (overlay bits in old files); only Bits Stored count.
  const junk = [0xa, 0, 0xf, 0x1, 0, 0x8, 0, 0, 0x3, 0, 0xc, 0];
  const spec = (syntax: ImageSyntax): ImageSpec =>
    monochrome({
      syntax,
      rows: 3,
      columns: 4,
      bitsStored: 12,
      pixelRepresentation: 1,
      rescaleSlope: '2',
      rescaleIntercept: '-100',
      windowCenter: '50.5',
      windowWidth: '256',
      pixelBytes: words16(
        stored.map((value, index) => (value & 0x0fff) | ((junk[index] ?? 0) << 12)),
        syntax !== 'explicit-be',
      ),
    });

  it('maps every pixel to the hand-computed grey level in explicit VR little endian', () => {
    const result = rendered(render(spec('explicit-le')));
    expect([result.width, result.height, result.sourceWidth, result.sourceHeight]).toEqual([4, 3, 4, 3]);
    expect(result.photometric).toBe('MONOCHROME2');
    expect(result.voi).toBe('window');
    expect(result.scale).toBe(1);
    expect(pixelsOf(result)).toEqual(expected);
  });

  it('gives the same grey levels for implicit VR and for big endian (16-bit words swapped)', () => {
    expect(pixelsOf(render(spec('implicit-le')))).toEqual(expected);
    expect(pixelsOf(render(spec('explicit-be')))).toEqual(expected);
  });

  it('takes the first of several window values', () => {
    const result = render({ ...spec('explicit-le'), windowCenter: '50.5\\400', windowWidth: '256\\1000' });
    expect(pixelsOf(result)).toEqual(expected);
  });
});

describe('renderFirstFrame: bit layouts', () => {
  it('shifts by High Bit + 1 − Bits Stored when the stored bits do not start at bit 0', () => {
    // Bits Stored 10 at bits 2–11 (High Bit 11): stored = (word >> 2) & 0x3ff.
    const words = [0b0000_0000_0000_0011, 0x0ffc, 0xf004, 0x0800 | 0b11];
    // stored: 0, 1023, 1, 512 → min-max over 0..1023: 0, 255, 0.249→0, 127.62→128
    const result = render(
      monochrome({ rows: 1, columns: 4, bitsStored: 10, highBit: 11, pixelBytes: words16(words, true) }),
    );
    expect(pixelsOf(result)).toEqual([0, 255, 0, 128]);
  });

  it('sign-extends 8-bit signed samples', () => {
    // −128, −1, 0, 127 → x + 128 over a 255 range: 0, 127, 128, 255
    const result = render(
      monochrome({
        rows: 2,
        columns: 2,
        bitsAllocated: 8,
        pixelRepresentation: 1,
        pixelBytes: Uint8Array.of(0x80, 0xff, 0x00, 0x7f),
      }),
    );
    expect(pixelsOf(result)).toEqual([0, 127, 128, 255]);
  });

  it('stretches min..max the right way round under a negative rescale slope', () => {
    // x = −s: 0, −100, −200 → (x + 200)·255/200 = 255, 127.5 → 128, 0
    const result = render(
      monochrome({ rows: 1, columns: 3, bitsAllocated: 8, rescaleSlope: '-1', pixelBytes: Uint8Array.of(0, 100, 200) }),
    );
    expect(pixelsOf(result)).toEqual([255, 128, 0]);
  });

  it('renders a flat frame as black without dividing by zero', () => {
    const result = render(monochrome({ rows: 2, columns: 2, bitsAllocated: 8, pixelBytes: Uint8Array.of(7, 7, 7, 7) }));
    expect(pixelsOf(result)).toEqual([0, 0, 0, 0]);
  });
});

describe('renderFirstFrame: MONOCHROME1', () => {
  it('inverts an 8-bit frame after the min..max stretch', () => {
    // (v − 10)·255/100: 0, 25.5 → 26, 51, 76.5 → 77, 102, 255; inverted: 255, 229, 204, 178, 153, 0
    const result = rendered(
      render(
        monochrome({
          photometric: 'MONOCHROME1',
          rows: 2,
          columns: 3,
          bitsAllocated: 8,
          pixelBytes: Uint8Array.of(10, 20, 30, 40, 50, 110),
        }),
      ),
    );
    expect(result.photometric).toBe('MONOCHROME1');
    expect(result.voi).toBe('min-max');
    expect(pixelsOf(result)).toEqual([255, 229, 204, 178, 153, 0]);
  });
});

describe('renderFirstFrame: VOI LUT functions', () => {
  const eightBit = (overrides: ImageSpec): ImageSpec =>
    monochrome({
      rows: 1,
      columns: 5,
      bitsAllocated: 8,
      pixelBytes: Uint8Array.of(0, 112, 128, 144, 255),
      ...overrides,
    });

  it('applies SIGMOID: 255 / (1 + e^(−4(x − c)/w))', () => {
    // c 128, w 64: x 0 → 255/(1+e^8) = 0.086 → 0; 112 → 255/(1+e) = 68.58 → 69; 128 → 127.5 → 128;
    // 144 → 255/(1+e^−1) = 186.42 → 186; 255 → 255/(1+e^−7.9375) = 254.91 → 255
    const result = render(eightBit({ windowCenter: '128', windowWidth: '64', voiLutFunction: 'SIGMOID' }));
    expect(pixelsOf(result)).toEqual([0, 69, 128, 186, 255]);
  });

  it('applies LINEAR_EXACT: ((x − c)/w + 0.5)·255 between c ± w/2', () => {
    // c 128, w 64: x ≤ 96 → 0; x > 160 → 255; 112 → 63.75 → 64; 128 → 127.5 → 128; 144 → 191.25 → 191
    const result = render(eightBit({ windowCenter: '128', windowWidth: '64', voiLutFunction: 'LINEAR_EXACT' }));
    expect(pixelsOf(result)).toEqual([0, 64, 128, 191, 255]);
  });

  it('treats window width 1 (LINEAR) as a threshold at c − 0.5', () => {
    // c 128.5: x ≤ 128 → 0, x > 128 → 255
    const result = render(eightBit({ windowCenter: '128.5', windowWidth: '1' }));
    expect(pixelsOf(result)).toEqual([0, 0, 0, 255, 255]);
  });

  it.each([
    ['a LINEAR width below 1', { windowCenter: '128', windowWidth: '0.5' }],
    ['a zero SIGMOID width', { windowCenter: '128', windowWidth: '0', voiLutFunction: 'SIGMOID' }],
    ['an unknown VOI LUT Function', { windowCenter: '128', windowWidth: '64', voiLutFunction: 'GAMMA' }],
    ['a centre without a width', { windowCenter: '128' }],
    ['a non-numeric width', { windowCenter: '128', windowWidth: 'wide' }],
  ])('falls back to min..max on %s', (_label, window) => {
    // min 0, max 255: the identity
    const result = rendered(render(eightBit(window)));
    expect(result.voi).toBe('min-max');
    expect(pixelsOf(result)).toEqual([0, 112, 128, 144, 255]);
  });
});

describe('renderFirstFrame: RGB', () => {
  // p0 red, p1 green, p2 blue, p3 (10, 20, 30)
  const interleaved = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30];
  const planes = [255, 0, 0, 10, 0, 255, 0, 20, 0, 0, 255, 30];
  const rgb = (overrides: ImageSpec): ImageSpec => ({
    rows: 2,
    columns: 2,
    samplesPerPixel: 3,
    photometric: 'RGB',
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    pixelRepresentation: 0,
    ...overrides,
  });

  it('interleaves planar configuration 1 (all reds, all greens, all blues)', () => {
    const result = rendered(render(rgb({ planarConfiguration: 1, pixelBytes: Uint8Array.from(planes) })));
    expect(result.photometric).toBe('RGB');
    expect(result.voi).toBeNull();
    const decoded = decodePngFilterNone(result.png);
    expect(decoded.colorType).toBe(2);
    expect([...decoded.pixels]).toEqual(interleaved);
  });

  it('copies planar configuration 0 as is, in every native syntax', () => {
    for (const syntax of ['explicit-le', 'implicit-le', 'explicit-be'] as const) {
      // OB: bytes are not affected by byte order.
      const spec = rgb({ syntax, planarConfiguration: 0, pixelBytes: Uint8Array.from(interleaved) });
      expect(pixelsOf(render({ ...spec, pixelVr: syntax === 'implicit-le' ? 'OW' : 'OB' }))).toEqual(interleaved);
    }
  });

  it('refuses a missing planar configuration rather than guessing one', () => {
    expect(reasonOf(render(rgb({ pixelBytes: Uint8Array.from(interleaved) })))).toBe(
      'RGB needs Planar Configuration 0 or 1, the file has none',
    );
  });
});

describe('renderFirstFrame: 8-bit samples in a big-endian OW value', () => {
  it('un-swaps each 16-bit word (PS3.5 Annex D: the first sample is the low byte)', () => {
    // Samples 1, 2, 3 (+ pad): words 0x0201, 0x0003 written big endian → 02 01 00 03.
    // min..max over 1..3: 0, 127.5 → 128, 255
    const spec = monochrome({ syntax: 'explicit-be', rows: 1, columns: 3, bitsAllocated: 8 });
    expect(pixelsOf(render({ ...spec, pixelVr: 'OW', pixelBytes: Uint8Array.of(2, 1, 0, 3) }))).toEqual([0, 128, 255]);
    expect(pixelsOf(render({ ...spec, pixelVr: 'OB', pixelBytes: Uint8Array.of(1, 2, 3, 0) }))).toEqual([0, 128, 255]);
  });
});

describe('renderFirstFrame: multi-frame', () => {
  it('renders the first frame only, with min..max taken from that frame', () => {
    // Frame 1: 0, 10, 20, 30 → 0, 85, 170, 255. Frame 2 (ignored) would widen the range to 0..255.
    const result = render(
      monochrome({
        rows: 2,
        columns: 2,
        bitsAllocated: 8,
        numberOfFrames: '2',
        pixelBytes: Uint8Array.of(0, 10, 20, 30, 255, 255, 0, 0),
      }),
    );
    expect(pixelsOf(result)).toEqual([0, 85, 170, 255]);
  });
});

describe('renderFirstFrame: samples from @fsxn/testing', () => {
  // The generator writes 4×6 16-bit words (index·37 + seed·101) & 0x0FFF, Bits Stored 12, no window.
  const ramp = (seed: number): number[] => Array.from({ length: 24 }, (_, index) => (index * 37 + seed * 101) & 0x0fff);
  const stretched = (values: number[]): number[] => {
    const min = Math.min(...values);
    const max = Math.max(...values);
    return values.map((value) => Math.round(((value - min) * 255) / (max - min)));
  };

  it.each<DicomSampleSyntax>(['explicit-le', 'implicit-le', 'explicit-be', 'deflated', 'raw-implicit-le'])(
    'renders the %s ramp to its min..max stretch',
    (syntax) => {
      const result = rendered(renderFirstFrame(parseDicom(buildDicomSample({ syntax, seed: 3 }).bytes)));
      expect([result.width, result.height]).toEqual([6, 4]);
      expect(pixelsOf(result)).toEqual(stretched(ramp(3)));
    },
  );

  it('reports JPEG Baseline pixel data as compressed and not decoded', () => {
    const parsed = parseDicom(buildDicomSample({ syntax: 'jpeg-baseline' }).bytes);
    expect(renderFirstFrame(parsed)).toEqual({
      kind: 'not-renderable',
      reason: 'compressed pixel data (JPEG Baseline (Process 1)) is not decoded',
    });
  });
});

describe('renderFirstFrame: not renderable', () => {
  const base = monochrome({ rows: 2, columns: 2, bitsAllocated: 8, pixelBytes: Uint8Array.of(1, 2, 3, 4) });

  it.each<[string, ImageSpec, string]>([
    ['no pixel data', { ...base, pixelBytes: undefined }, 'no Pixel Data (7FE0,0010)'],
    ['palette colour', { ...base, photometric: 'PALETTE COLOR' }, 'palette color pixel data is not decoded'],
    ['YBR', { ...base, photometric: 'YBR_FULL' }, 'YBR colour pixel data (YBR_FULL) is not decoded'],
    ['no photometric', { ...base, photometric: undefined }, 'Photometric Interpretation (0028,0004) is missing'],
    ['1-bit', { ...base, bitsAllocated: 1, bitsStored: 1, highBit: 0 }, '1-bit (bit-packed) pixel data is not decoded'],
    [
      '32-bit',
      { ...base, bitsAllocated: 32, bitsStored: 32, highBit: 31, pixelBytes: new Uint8Array(16) },
      'Bits Allocated 32 is not decoded',
    ],
    [
      '16-bit RGB',
      { ...base, photometric: 'RGB', samplesPerPixel: 3, planarConfiguration: 0, bitsAllocated: 16 },
      'RGB with Bits Allocated 16 is not decoded',
    ],
    ['RGB with one sample', { ...base, photometric: 'RGB' }, 'RGB needs Samples per Pixel 3, the file has 1'],
    ['zero rows', { ...base, rows: 0 }, 'Rows (0028,0010) or Columns (0028,0011) missing or zero'],
    ['no columns', { ...base, columns: undefined }, 'Rows (0028,0010) or Columns (0028,0011) missing or zero'],
    [
      'stored bits wider than allocated',
      { ...base, bitsStored: 12, highBit: 11 },
      'inconsistent bits: Allocated 8, Stored 12, High Bit 11',
    ],
    [
      'no pixel representation',
      { ...base, pixelRepresentation: undefined },
      'Bits Stored, High Bit or Pixel Representation (0028,0101-0103) is missing',
    ],
    ['a zero rescale slope', { ...base, rescaleSlope: '0' }, 'Rescale Slope (0028,1053) is 0'],
    [
      'truncated pixel data',
      { ...base, rows: 3, columns: 3 },
      'truncated pixel data: the first frame needs 9 bytes, Pixel Data has 4',
    ],
    [
      'a 16-bit frame with half its bytes',
      { ...base, bitsAllocated: 16, bitsStored: 16, highBit: 15 },
      'truncated pixel data: the first frame needs 8 bytes, Pixel Data has 4',
    ],
  ])('refuses %s', (_label, spec, reason) => {
    expect(render(spec)).toEqual({ kind: 'not-renderable', reason });
  });

  it('refuses frames above the pixel limit before reading any pixel', () => {
    // 65535 × 65535 with four bytes of pixel data: the size check comes first.
    const huge = { ...base, rows: 65535, columns: 65535 };
    expect(reasonOf(render(huge))).toBe('frame of 65535×65535 pixels exceeds the 64000000-pixel limit');
    expect(reasonOf(render(base, { maxFramePixels: 3 }))).toBe('frame of 2×2 pixels exceeds the 3-pixel limit');
  });

  it('does not echo a free-text photometric value into the reason', () => {
    for (const photometric of ['Jane Doe 1970-04-12', 'DOE', 'YBR_JANE']) {
      expect(reasonOf(render({ ...base, photometric }))).not.toMatch(/DOE|JANE/iu);
    }
    expect(reasonOf(render({ ...base, photometric: 'DOE' }))).toBe(
      'Photometric Interpretation an unrecognised value is not decoded',
    );
    expect(reasonOf(render({ ...base, photometric: 'CMYK' }))).toBe('Photometric Interpretation CMYK is not decoded');
  });
});

describe('renderFirstFrame: PNG size limit', () => {
  /** Deterministic noise (an LCG): incompressible, so the PNG is about one byte per pixel. */
  const noise = (count: number): Uint8Array => {
    let state = 12345;
    return Uint8Array.from({ length: count }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    });
  };

  it('downscales by an integer factor until the PNG fits, and reports the factor', () => {
    const spec = monochrome({ rows: 200, columns: 300, bitsAllocated: 8, pixelBytes: noise(60000) });
    const full = rendered(render(spec));
    expect(full.scale).toBe(1);
    expect(full.png.length).toBeGreaterThan(60000);
    const limited = rendered(render(spec, { maxPngBytes: 20000 }));
    expect(limited.png.length).toBeLessThanOrEqual(20000);
    expect(limited.scale).toBeGreaterThan(1);
    expect(limited.width).toBe(Math.ceil(300 / limited.scale));
    expect(limited.height).toBe(Math.ceil(200 / limited.scale));
    expect([limited.sourceWidth, limited.sourceHeight]).toEqual([300, 200]);
  });

  it('gives up with a reason when not even one pixel fits', () => {
    expect(
      reasonOf(
        render(monochrome({ rows: 1, columns: 1, bitsAllocated: 8, pixelBytes: Uint8Array.of(5) }), {
          maxPngBytes: 40,
        }),
      ),
    ).toBe('no downscaled PNG fits in 40 bytes');
  });
});
