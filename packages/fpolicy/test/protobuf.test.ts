import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeProtobufFields,
  encodeProtobufFields,
  FpolicyError,
  FpolicyFrameError,
  type ProtobufField,
  type ProtobufOptions,
} from '../src/index';

const EXPERIMENTAL = { experimental: true } as const;
const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

const field: fc.Arbitrary<ProtobufField> = fc.oneof(
  fc.record({
    field: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant('varint' as const),
    value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  }),
  fc.record({
    field: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant('i64' as const),
    value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  }),
  fc.record({
    field: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant('len' as const),
    value: fc.uint8Array({ maxLength: 40 }),
  }),
  fc.record({
    field: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant('i32' as const),
    value: fc.nat({ max: 0xffff_ffff }),
  }),
);

const reasonOf = (bytes: Uint8Array): string => {
  try {
    decodeProtobufFields(bytes, EXPERIMENTAL);
    return 'accepted';
  } catch (error) {
    if (error instanceof FpolicyFrameError) return error.reason;
    throw error;
  }
};

describe('protobuf wire codec (experimental, unverified against ONTAP)', () => {
  it('decodes the examples of the protobuf encoding guide', () => {
    // "08 96 01" is field 1 = 150; "12 07 74 65 73 74 69 6e 67" is field 2 = "testing".
    expect(decodeProtobufFields(hex('089601'), EXPERIMENTAL)).toEqual([{ field: 1, wireType: 'varint', value: 150n }]);
    const [str] = decodeProtobufFields(hex('120774657374696e67'), EXPERIMENTAL);
    expect(str?.wireType === 'len' && new TextDecoder().decode(str.value)).toBe('testing');
    expect(decodeProtobufFields(hex('2d01000000'), EXPERIMENTAL)).toEqual([{ field: 5, wireType: 'i32', value: 1 }]);
    expect(decodeProtobufFields(hex('090100000000000080'), EXPERIMENTAL)).toEqual([
      { field: 1, wireType: 'i64', value: 2n ** 63n + 1n },
    ]);
    expect(decodeProtobufFields(hex('08ffffffffffffffffff01'), EXPERIMENTAL)).toEqual([
      { field: 1, wireType: 'varint', value: 2n ** 64n - 1n },
    ]);
  });

  it('encodes them back to the same bytes', () => {
    expect(encodeProtobufFields([{ field: 1, wireType: 'varint', value: 150n }], EXPERIMENTAL)).toEqual(hex('089601'));
    expect(
      encodeProtobufFields([{ field: 2, wireType: 'len', value: new TextEncoder().encode('testing') }], EXPERIMENTAL),
    ).toEqual(hex('120774657374696e67'));
  });

  it.each([
    ['a truncated varint', '0896', 'protobuf-malformed'],
    ['a varint longer than 10 bytes', '08ffffffffffffffffffff01', 'protobuf-malformed'],
    ['a varint above 64 bits', '08ffffffffffffffffff02', 'protobuf-malformed'],
    ['field number 0', '0001', 'protobuf-malformed'],
    ['a start-group wire type', '0b', 'protobuf-malformed'],
    ['a length beyond the buffer', '0a05abcd', 'protobuf-malformed'],
    ['a truncated fixed32', '2d0100', 'protobuf-malformed'],
  ])('refuses %s', (_what, bytes, reason) => {
    expect(reasonOf(hex(bytes))).toBe(reason);
  });

  it('bounds the number of fields and the message size', () => {
    expect(() => decodeProtobufFields(hex('0801'.repeat(11)), { experimental: true, maxFields: 10 })).toThrow(
      FpolicyFrameError,
    );
    expect(() => decodeProtobufFields(new Uint8Array(11), { experimental: true, maxBytes: 10 })).toThrow(
      FpolicyFrameError,
    );
  });

  it('requires the explicit experimental opt-in', () => {
    const options = {} as unknown as ProtobufOptions;
    expect(() => decodeProtobufFields(hex('089601'), options)).toThrow(FpolicyError);
    expect(() => encodeProtobufFields([], options)).toThrow(FpolicyError);
  });

  it('round-trips any field list: decode(encode(fields)) = fields and encode is canonical', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 10 }), (fields) => {
        const bytes = encodeProtobufFields(fields, EXPERIMENTAL);
        const decoded = decodeProtobufFields(bytes, EXPERIMENTAL);
        expect(decoded).toEqual(fields);
        expect(encodeProtobufFields(decoded, EXPERIMENTAL)).toEqual(bytes);
      }),
    );
  });

  it('never throws anything but FpolicyFrameError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(typeof reasonOf(bytes)).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});
