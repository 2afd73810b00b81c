import { encodeEbcdic } from '../src/domain/segy/ebcdic';
import { numberToIbm } from '../src/domain/segy/ibm-float';

/** What a generated SEG-Y file looks like; every field is written exactly as given. */
export interface SegySpec {
  readonly revision: 0 | 1 | 2;
  readonly endianness: 'big' | 'little';
  /** 1 IBM float, 2 int32, 3 int16, 5 IEEE float, 8 int8. */
  readonly formatCode: 1 | 2 | 3 | 5 | 8;
  readonly text: 'ascii' | 'cp037' | 'cp500';
  readonly inlines: number;
  readonly crosslines: number;
  readonly samples: number;
  /** µs */
  readonly sampleInterval: number;
  readonly extendedTextHeaders?: number;
  /** Coordinate scalar written in every trace header (bytes 71–72). */
  readonly coordinateScalar?: number;
  readonly surveyName?: string;
  /** Rev 2: write the number of traces at bytes 3513–3520. */
  readonly declareTraceCount?: boolean;
}

const BYTES_PER_SAMPLE: Readonly<Record<SegySpec['formatCode'], number>> = { 1: 4, 2: 4, 3: 2, 5: 4, 8: 1 };

/** The amplitude of sample `s` of trace `t`: a decaying wavelet whose strength varies across the survey. */
export const syntheticAmplitude = (trace: number, sample: number, samples: number): number => {
  const envelope = Math.exp(-sample / (samples / 3));
  return Math.round(1000 * (1 + (trace % 7) / 7) * envelope * Math.sin((2 * Math.PI * sample) / 25)) / 8;
};

const textHeader = (spec: SegySpec): Uint8Array => {
  const cards = [
    `C 1 CLIENT ACME ENERGY   SURVEY NAME ${spec.surveyName ?? 'NORTH FIELD 3D'}`,
    'C 2 COORDINATE SYSTEM WGS 84 / UTM ZONE 31N',
    `C 3 SEG-Y REV${spec.revision} ${spec.endianness.toUpperCase()} ENDIAN FORMAT CODE ${spec.formatCode}`,
    `C 4 INLINES 1-${spec.inlines} CROSSLINES 1-${spec.crosslines} SAMPLES ${spec.samples} [GENERATED]`,
  ];
  for (let i = cards.length + 1; i <= 40; i++)
    cards.push(i === 40 ? 'C40 END TEXTUAL HEADER' : `C${String(i).padStart(2)}`);
  const text = cards.map((c) => c.padEnd(80).slice(0, 80)).join('');
  return spec.text === 'ascii' ? Uint8Array.from(text, (ch) => ch.charCodeAt(0)) : encodeEbcdic(text, spec.text);
};

const writeSample = (view: DataView, at: number, value: number, spec: SegySpec) => {
  const little = spec.endianness === 'little';
  switch (spec.formatCode) {
    case 1:
      view.setUint32(at, numberToIbm(value), little);
      break;
    case 2:
      view.setInt32(at, Math.round(value), little);
      break;
    case 3:
      view.setInt16(at, Math.round(value), little);
      break;
    case 5:
      view.setFloat32(at, value, little);
      break;
    case 8:
      view.setInt8(at, Math.max(-128, Math.min(127, Math.round(value / 8))));
      break;
  }
};

/** Writes a complete SEG-Y file: textual, binary and extended headers, then inline × crossline traces. */
export const writeSegy = (spec: SegySpec): Uint8Array => {
  const ext = spec.extendedTextHeaders ?? 0;
  const bps = BYTES_PER_SAMPLE[spec.formatCode];
  const traceCount = spec.inlines * spec.crosslines;
  const traceBytes = 240 + spec.samples * bps;
  const dataStart = 3600 + 3200 * ext;
  const out = new Uint8Array(dataStart + traceCount * traceBytes);
  const view = new DataView(out.buffer);
  const little = spec.endianness === 'little';
  out.set(textHeader(spec), 0);
  const b = 3200;
  view.setInt32(b + 0, 1, little); // job id
  view.setInt32(b + 4, 1, little); // line number
  view.setInt16(b + 12, spec.crosslines, little); // traces per ensemble
  view.setUint16(b + 16, spec.sampleInterval, little);
  view.setUint16(b + 18, spec.sampleInterval, little);
  view.setUint16(b + 20, spec.samples, little);
  view.setUint16(b + 22, spec.samples, little);
  view.setInt16(b + 24, spec.formatCode, little);
  view.setInt16(b + 28, 4, little); // sorting: horizontally stacked
  view.setInt16(b + 54, 1, little); // metres
  if (spec.revision === 2) {
    view.setUint32(b + 96, 0x01020304, little);
    out[b + 300] = 2;
    out[b + 301] = 0;
    if (spec.declareTraceCount) view.setBigUint64(b + 312, BigInt(traceCount), little);
  } else if (spec.revision === 1) {
    out[b + 300] = 1;
    out[b + 301] = 0;
  }
  if (spec.revision >= 1) view.setInt16(b + 302, 1, little); // fixed-length traces
  view.setInt16(b + 304, ext, little);
  for (let e = 0; e < ext; e++) {
    const stanza = `((SEG: Generated extended header ${e + 1} ))`.padEnd(3200);
    out.set(
      spec.text === 'ascii' ? Uint8Array.from(stanza, (ch) => ch.charCodeAt(0)) : encodeEbcdic(stanza, spec.text),
      3600 + 3200 * e,
    );
  }
  const scalar = spec.coordinateScalar ?? -100;
  let t = 0;
  for (let il = 1; il <= spec.inlines; il++) {
    for (let xl = 1; xl <= spec.crosslines; xl++) {
      const at = dataStart + t * traceBytes;
      view.setInt32(at + 0, t + 1, little);
      view.setInt32(at + 4, t + 1, little);
      view.setInt32(at + 8, il, little);
      view.setInt32(at + 12, xl, little);
      view.setInt32(at + 20, t + 1, little); // CDP
      view.setInt16(at + 28, 1, little); // seismic data
      view.setInt16(at + 70, scalar, little);
      // Coordinates in centimetres with scalar -100: 12.5 m bins from (500000 m, 6700000 m).
      view.setInt32(at + 180, (500000 + xl * 12.5) * 100, little);
      view.setInt32(at + 184, (6700000 + il * 12.5) * 100, little);
      view.setInt16(at + 88, 1, little); // length units
      view.setUint16(at + 114, spec.samples, little);
      view.setUint16(at + 116, spec.sampleInterval, little);
      view.setInt32(at + 188, il, little);
      view.setInt32(at + 192, xl, little);
      for (let s = 0; s < spec.samples; s++)
        writeSample(view, at + 240 + s * bps, syntheticAmplitude(t, s, spec.samples), spec);
      t += 1;
    }
  }
  return out;
};
