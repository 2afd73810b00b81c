import type { DicomElement } from './elements';
import { encodePngWithin } from './fit-png';
import type { ParsedDicom } from './parse-dicom';
import { type ImagePixelModule, readImagePixelModule } from './pixel-module';
import type { RasterImage } from './png';
import { applyMinMax, applyWindow, toByte, voiWindowOf } from './voi';

/** Rekognition takes at most 5 MB of image bytes (same value as `REKOGNITION_MAX_BYTES` in @fsxn/inference). */
export const DEFAULT_MAX_PNG_BYTES = 5 * 1024 * 1024;
/** Larger frames are refused before any pixel is touched: the decoded raster must fit a Lambda's memory. */
export const DEFAULT_MAX_FRAME_PIXELS = 64_000_000;

export type RenderedPhotometric = 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';

export interface RenderedFrame {
  readonly kind: 'rendered';
  /** 8-bit greyscale (MONOCHROME*) or RGB PNG, at most `maxPngBytes` long. */
  readonly png: Uint8Array;
  /** Size of the PNG, after any downscale. */
  readonly width: number;
  readonly height: number;
  readonly photometric: RenderedPhotometric;
  /** Integer box-filter factor applied to fit `maxPngBytes`; 1 = full resolution. */
  readonly scale: number;
  /** Columns × Rows of the DICOM frame. */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  /** How grey levels were chosen: the file's window, or the frame's own min..max; null for RGB. */
  readonly voi: 'window' | 'min-max' | null;
}

export interface NotRenderable {
  readonly kind: 'not-renderable';
  /** Why, in words safe to log: never a value from the file other than enumerated codes and sizes. */
  readonly reason: string;
}

export type FrameRendering = RenderedFrame | NotRenderable;

export interface RenderFrameOptions {
  readonly maxPngBytes?: number;
  readonly maxFramePixels?: number;
}

interface FrameLayout {
  readonly photometric: RenderedPhotometric;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly highBit: number;
  readonly signed: boolean;
  readonly planar: boolean;
  /** The Pixel Data value, from the first frame on. */
  readonly bytes: Uint8Array;
  readonly littleEndian: boolean;
  /** 8-bit samples in an OW value of a big-endian dataset sit byte-swapped within each 16-bit word (PS3.5 §8.1.1, Annex D). */
  readonly swapBytePairs: boolean;
}

const notRenderable = (reason: string): NotRenderable => ({ kind: 'not-renderable', reason });

/** Photometric Interpretation terms of PS3.3 §C.7.6.3.1.2, current and retired. */
const KNOWN_PHOTOMETRICS: ReadonlySet<string> = new Set([
  'MONOCHROME1',
  'MONOCHROME2',
  'PALETTE COLOR',
  'RGB',
  'HSV',
  'ARGB',
  'CMYK',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_PARTIAL_422',
  'YBR_PARTIAL_420',
  'YBR_ICT',
  'YBR_RCT',
  'XYB',
]);

/** Echoes only a defined term: anything else in the element could be text someone typed, even a name. */
const code = (value: string): string => (KNOWN_PHOTOMETRICS.has(value) ? value : 'an unrecognised value');

/**
 * Renders the first frame of native (uncompressed) pixel data as a PNG for text detection: MONOCHROME1/2 at
 * 8 or 16 bits allocated (signed or unsigned, rescaled, windowed by the file's VOI window or else the
 * frame's min..max, MONOCHROME1 inverted) and 8-bit RGB (either planar configuration), in any native byte
 * order. Everything else, compressed pixel data above all, is `not-renderable` with the reason: nothing is
 * guessed. Never throws on parsed input; a PNG larger than `maxPngBytes` is downscaled by an integer factor.
 */
export const renderFirstFrame = (parsed: ParsedDicom, options: RenderFrameOptions = {}): FrameRendering => {
  const maxPngBytes = options.maxPngBytes ?? DEFAULT_MAX_PNG_BYTES;
  const module = readImagePixelModule(parsed.dataset, parsed.decodeText);
  const layout = frameLayoutOf(parsed, module, options.maxFramePixels ?? DEFAULT_MAX_FRAME_PIXELS);
  if (typeof layout === 'string') return notRenderable(layout);
  const { image, voi } = layout.photometric === 'RGB' ? decodeRgb(layout) : decodeMonochrome(layout, module);
  const fitted = encodePngWithin(image, maxPngBytes);
  if (fitted === null) return notRenderable(`no downscaled PNG fits in ${maxPngBytes} bytes`);
  return {
    kind: 'rendered',
    png: fitted.png,
    width: fitted.width,
    height: fitted.height,
    photometric: layout.photometric,
    scale: fitted.scale,
    sourceWidth: layout.columns,
    sourceHeight: layout.rows,
    voi,
  };
};

/** The frame's layout, or the reason it cannot be rendered. */
const frameLayoutOf = (parsed: ParsedDicom, module: ImagePixelModule, maxPixels: number): FrameLayout | string => {
  const pixelData = module.pixelData;
  if (pixelData === null) return 'no Pixel Data (7FE0,0010)';
  if (parsed.transferSyntax.encapsulated || pixelData.fragments !== null) {
    return `compressed pixel data (${parsed.transferSyntax.name}) is not decoded`;
  }
  if (pixelData.items !== null) return 'Pixel Data (7FE0,0010) holds items, not pixel values';
  const photometric = photometricOf(module.photometricInterpretation);
  if (!isRenderedPhotometric(photometric)) return photometric;
  const { rows, columns } = module;
  if (rows === null || columns === null || rows === 0 || columns === 0) {
    return 'Rows (0028,0010) or Columns (0028,0011) missing or zero';
  }
  if (rows * columns > maxPixels) return `frame of ${columns}×${rows} pixels exceeds the ${maxPixels}-pixel limit`;
  // PS3.3 requires a non-zero slope; with 0 every pixel would be the intercept.
  if (module.rescaleSlope === 0) return 'Rescale Slope (0028,1053) is 0';
  const samples = photometric === 'RGB' ? 3 : 1;
  if (module.samplesPerPixel !== samples) {
    return `${photometric} needs Samples per Pixel ${samples}, the file has ${module.samplesPerPixel ?? 'none'}`;
  }
  const bits = bitsOf(module, photometric);
  if (typeof bits === 'string') return bits;
  let planar = false;
  if (photometric === 'RGB') {
    if (module.planarConfiguration !== 0 && module.planarConfiguration !== 1) {
      return `RGB needs Planar Configuration 0 or 1, the file has ${module.planarConfiguration ?? 'none'}`;
    }
    planar = module.planarConfiguration === 1;
  }
  const littleEndian = parsed.dataset.encoding.littleEndian;
  const swapBytePairs = !littleEndian && bits.bitsAllocated === 8 && pixelData.vr === 'OW';
  const frameBytes = (rows * columns * samples * bits.bitsAllocated) / 8;
  // Swapped pairs: the last sample of an odd-length frame sits in the second byte of a word.
  const needed = swapBytePairs ? frameBytes + (frameBytes % 2) : frameBytes;
  if (pixelData.valueLength < needed) {
    return `truncated pixel data: the first frame needs ${needed} bytes, Pixel Data has ${pixelData.valueLength}`;
  }
  return {
    photometric,
    rows,
    columns,
    ...bits,
    planar,
    bytes: pixelBytesOf(parsed, pixelData, needed),
    littleEndian,
    swapBytePairs,
  };
};

const pixelBytesOf = (parsed: ParsedDicom, element: DicomElement, length: number): Uint8Array =>
  parsed.dataset.bytes.subarray(element.valueOffset, element.valueOffset + length);

const RENDERED: ReadonlySet<string> = new Set<RenderedPhotometric>(['MONOCHROME1', 'MONOCHROME2', 'RGB']);
const isRenderedPhotometric = (value: string): value is RenderedPhotometric => RENDERED.has(value);

/** The supported photometric interpretation, or the reason it is not supported. */
const photometricOf = (value: string | null): string => {
  if (value === null || value === '') return 'Photometric Interpretation (0028,0004) is missing';
  if (RENDERED.has(value)) return value;
  if (value === 'PALETTE COLOR') return 'palette color pixel data is not decoded';
  if (value.startsWith('YBR')) return `YBR colour pixel data (${code(value)}) is not decoded`;
  return `Photometric Interpretation ${code(value)} is not decoded`;
};

interface Bits {
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly highBit: number;
  readonly signed: boolean;
}

const bitsOf = (module: ImagePixelModule, photometric: RenderedPhotometric): Bits | string => {
  const { bitsAllocated, bitsStored, highBit, pixelRepresentation } = module;
  if (bitsAllocated === null) return 'Bits Allocated (0028,0100) is missing';
  if (bitsAllocated === 1) return '1-bit (bit-packed) pixel data is not decoded';
  if (bitsAllocated !== 8 && bitsAllocated !== 16) return `Bits Allocated ${bitsAllocated} is not decoded`;
  if (photometric === 'RGB' && bitsAllocated !== 8) return `RGB with Bits Allocated ${bitsAllocated} is not decoded`;
  if (bitsStored === null || highBit === null || pixelRepresentation === null) {
    return 'Bits Stored, High Bit or Pixel Representation (0028,0101-0103) is missing';
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    return `inconsistent bits: Allocated ${bitsAllocated}, Stored ${bitsStored}, High Bit ${highBit}`;
  }
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) {
    return `Pixel Representation ${pixelRepresentation} is neither 0 (unsigned) nor 1 (signed)`;
  }
  if (photometric === 'RGB' && (bitsStored !== 8 || pixelRepresentation !== 0)) {
    return `RGB with Bits Stored ${bitsStored} and Pixel Representation ${pixelRepresentation} is not decoded`;
  }
  return { bitsAllocated, bitsStored, highBit, signed: pixelRepresentation === 1 };
};

/** Reads the allocated-width word of sample `index` in the dataset's byte order. */
const wordReader = (layout: FrameLayout): ((index: number) => number) => {
  const { bytes } = layout;
  if (layout.bitsAllocated === 8) {
    return layout.swapBytePairs ? (index) => bytes[index ^ 1] ?? 0 : (index) => bytes[index] ?? 0;
  }
  return layout.littleEndian
    ? (index) => (bytes[2 * index] ?? 0) | ((bytes[2 * index + 1] ?? 0) << 8)
    : (index) => ((bytes[2 * index] ?? 0) << 8) | (bytes[2 * index + 1] ?? 0);
};

interface Decoded {
  readonly image: RasterImage;
  readonly voi: RenderedFrame['voi'];
}

/**
 * Greyscale through a lookup table indexed by the stored value (at most 2^16 entries): the Modality LUT
 * (rescale) and VOI transform are computed once per possible value, not once per pixel.
 */
const decodeMonochrome = (layout: FrameLayout, module: ImagePixelModule): Decoded => {
  const count = layout.rows * layout.columns;
  const read = wordReader(layout);
  const shift = layout.highBit + 1 - layout.bitsStored;
  const levels = 2 ** layout.bitsStored;
  const mask = levels - 1;
  const storedOf = (unsigned: number): number =>
    layout.signed && unsigned >= levels / 2 ? unsigned - levels : unsigned;
  const slope = module.rescaleSlope ?? 1;
  const intercept = module.rescaleIntercept ?? 0;
  const modalityOf = (unsigned: number): number => storedOf(unsigned) * slope + intercept;

  const window = voiWindowOf(module.windowCenter, module.windowWidth, module.voiLutFunction);
  let outputOf: (value: number) => number;
  if (window !== null) {
    outputOf = (value) => applyWindow(value, window);
  } else {
    let minStored = Number.POSITIVE_INFINITY;
    let maxStored = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < count; index++) {
      const stored = storedOf((read(index) >>> shift) & mask);
      if (stored < minStored) minStored = stored;
      if (stored > maxStored) maxStored = stored;
    }
    const ends = [minStored * slope + intercept, maxStored * slope + intercept];
    const min = Math.min(...ends);
    const max = Math.max(...ends);
    outputOf = (value) => applyMinMax(value, min, max);
  }
  const invert = layout.photometric === 'MONOCHROME1';
  const lut = new Uint8Array(levels);
  for (let unsigned = 0; unsigned < levels; unsigned++) {
    const grey = toByte(outputOf(modalityOf(unsigned)));
    lut[unsigned] = invert ? 255 - grey : grey;
  }
  const data = new Uint8Array(count);
  for (let index = 0; index < count; index++) data[index] = lut[(read(index) >>> shift) & mask] ?? 0;
  return {
    image: { width: layout.columns, height: layout.rows, channels: 1, data },
    voi: window === null ? 'min-max' : 'window',
  };
};

/** 8-bit RGB to interleaved RGB: planar configuration 1 stores all reds, then all greens, then all blues. */
const decodeRgb = (layout: FrameLayout): Decoded => {
  const count = layout.rows * layout.columns;
  const read = wordReader(layout);
  const data = new Uint8Array(count * 3);
  if (layout.planar) {
    for (let pixel = 0; pixel < count; pixel++) {
      data[3 * pixel] = read(pixel);
      data[3 * pixel + 1] = read(count + pixel);
      data[3 * pixel + 2] = read(2 * count + pixel);
    }
  } else {
    for (let index = 0; index < 3 * count; index++) data[index] = read(index);
  }
  return { image: { width: layout.columns, height: layout.rows, channels: 3, data }, voi: null };
};
