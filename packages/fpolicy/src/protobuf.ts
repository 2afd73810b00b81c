/**
 * Schema-less protobuf WIRE codec for engines configured with `format: protobuf` (ONTAP ≥ 9.15.1).
 *
 * EXPERIMENTAL and UNVERIFIED: NetApp publishes no .proto and no capture of protobuf FPolicy traffic exists in
 * any source we found, so this only splits bytes into (field number, wire type, value) triples. It does not claim
 * to know what any field means, and nothing else in this package interprets the fields. Every call must pass
 * `{ experimental: true }` so that use of it is a visible decision.
 */
import { FpolicyError, FpolicyFrameError } from './errors';

export type ProtobufField =
  | { readonly field: number; readonly wireType: 'varint'; readonly value: bigint }
  | { readonly field: number; readonly wireType: 'i64'; readonly value: bigint }
  | { readonly field: number; readonly wireType: 'len'; readonly value: Uint8Array }
  | { readonly field: number; readonly wireType: 'i32'; readonly value: number };

export interface ProtobufOptions {
  readonly experimental: true;
  /** Most fields decoded from one message (default 10 000). */
  readonly maxFields?: number;
  /** Largest message accepted (default 1 MiB). */
  readonly maxBytes?: number;
}

const MAX_FIELD_NUMBER = 2 ** 29 - 1;
const U64_MAX = (1n << 64n) - 1n;

const requireExperimental = (options: ProtobufOptions | undefined): void => {
  if (options?.experimental !== true) {
    throw new FpolicyError(
      'the protobuf codec is experimental and unverified against ONTAP: pass { experimental: true }',
    );
  }
};

const malformed = (message: string): FpolicyFrameError => new FpolicyFrameError('protobuf-malformed', message);

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  varint(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i += 1) {
      const byte = this.bytes[this.pos];
      if (byte === undefined) throw malformed(`varint truncated at offset ${this.pos}`);
      this.pos += 1;
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) {
        if (result > U64_MAX) throw malformed('varint exceeds 64 bits');
        return result;
      }
    }
    throw malformed('varint longer than 10 bytes');
  }

  fixed(size: 4 | 8): Uint8Array {
    if (this.pos + size > this.bytes.length) throw malformed(`fixed${size * 8} truncated at offset ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }

  take(length: bigint): Uint8Array {
    const remaining = BigInt(this.bytes.length - this.pos);
    if (length > remaining) throw malformed(`length ${length} exceeds the ${remaining} remaining bytes`);
    const n = Number(length);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** Splits one protobuf message into fields. Groups (wire types 3/4) are refused: proto3 never emits them. */
export const decodeProtobufFields = (bytes: Uint8Array, options: ProtobufOptions): ProtobufField[] => {
  requireExperimental(options);
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxFields = options.maxFields ?? 10_000;
  if (bytes.length > maxBytes)
    throw new FpolicyFrameError('protobuf-limit-exceeded', `message of ${bytes.length} bytes exceeds ${maxBytes}`);
  const reader = new Reader(bytes);
  const fields: ProtobufField[] = [];
  while (!reader.done) {
    if (fields.length >= maxFields)
      throw new FpolicyFrameError('protobuf-limit-exceeded', `more than ${maxFields} fields`);
    const tag = reader.varint();
    const field = Number(tag >> 3n);
    if (tag >> 3n > BigInt(MAX_FIELD_NUMBER) || field < 1)
      throw malformed(`invalid field number in tag at offset ${reader.pos}`);
    const wireType = Number(tag & 7n);
    switch (wireType) {
      case 0:
        fields.push({ field, wireType: 'varint', value: reader.varint() });
        break;
      case 1:
        fields.push({ field, wireType: 'i64', value: new DataView(copy(reader.fixed(8))).getBigUint64(0, true) });
        break;
      case 2:
        fields.push({ field, wireType: 'len', value: reader.take(reader.varint()) });
        break;
      case 5:
        fields.push({ field, wireType: 'i32', value: new DataView(copy(reader.fixed(4))).getUint32(0, true) });
        break;
      default:
        throw malformed(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
};

const copy = (bytes: Uint8Array): ArrayBuffer => {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
};

const writeVarint = (out: number[], value: bigint): void => {
  let rest = value;
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
};

/** Encodes fields in the given order, canonical (shortest) varints, little-endian fixed values. */
export const encodeProtobufFields = (fields: readonly ProtobufField[], options: ProtobufOptions): Uint8Array => {
  requireExperimental(options);
  const out: number[] = [];
  for (const f of fields) {
    if (!Number.isInteger(f.field) || f.field < 1 || f.field > MAX_FIELD_NUMBER) {
      throw new FpolicyError(`protobuf field number ${f.field} is out of range`);
    }
    const tag = BigInt(f.field) << 3n;
    switch (f.wireType) {
      case 'varint':
      case 'i64': {
        if (f.value < 0n || f.value > U64_MAX) throw new FpolicyError('protobuf 64-bit value out of range');
        if (f.wireType === 'varint') {
          writeVarint(out, tag);
          writeVarint(out, f.value);
        } else {
          writeVarint(out, tag | 1n);
          const view = new DataView(new ArrayBuffer(8));
          view.setBigUint64(0, f.value, true);
          out.push(...new Uint8Array(view.buffer));
        }
        break;
      }
      case 'len':
        writeVarint(out, tag | 2n);
        writeVarint(out, BigInt(f.value.length));
        for (const byte of f.value) out.push(byte);
        break;
      case 'i32': {
        if (!Number.isInteger(f.value) || f.value < 0 || f.value > 0xffff_ffff)
          throw new FpolicyError('protobuf 32-bit value out of range');
        writeVarint(out, tag | 5n);
        const view = new DataView(new ArrayBuffer(4));
        view.setUint32(0, f.value, true);
        out.push(...new Uint8Array(view.buffer));
        break;
      }
    }
  }
  return Uint8Array.from(out);
};
