import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DecodedFrame,
  decodeMessage,
  encodeAlertMessage,
  encodeKeepAlive,
  encodeNegoRequest,
  encodeNegoResponse,
  encodeScreenRequest,
  FpolicyError,
  FpolicyFrameError,
  FrameDecoder,
} from '../src/index';
import { negoRequest, screenRequestInput, xmlText } from './arbitraries';
import { headerLine, NEGO_REQ_BODY, ontapFrame, rawFrame } from './captures';

const validFrame = fc.oneof(
  fc.constant(encodeKeepAlive()),
  negoRequest.map((req) => encodeNegoRequest(req)),
  negoRequest.map((req) => encodeNegoResponse({ ...req, version: '1.2' }, { trailingNul: false })),
  screenRequestInput.map((input) => encodeScreenRequest(input)),
  xmlText().map((message) => encodeAlertMessage(message, { contentLenCountsNul: true })),
);

/** Cuts `bytes` at the given (unsorted, possibly repeated) positions. */
const split = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
};

const summary = (results: DecodedFrame[]) =>
  results.map((r) =>
    r.ok
      ? { notfType: r.frame.header.notfType, body: Buffer.from(r.frame.body).toString('hex') }
      : { error: r.error.reason },
  );

describe('FrameDecoder', () => {
  it('yields the same frames for any split or merge of the byte stream', () => {
    fc.assert(
      fc.property(
        fc.array(validFrame, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (frames, cuts) => {
          const stream = Buffer.concat(frames);
          const whole = new FrameDecoder().push(stream);
          const decoder = new FrameDecoder();
          const pieces = split(stream, cuts).flatMap((chunk) => decoder.push(chunk));
          expect(summary(pieces)).toEqual(summary(whole));
          expect(whole).toHaveLength(frames.length);
          expect(whole.every((r) => r.ok)).toBe(true);
          expect(decoder.bufferedBytes).toBe(0);
        },
      ),
    );
  });

  it('decodes frames delivered one byte at a time', () => {
    const stream = Buffer.concat([encodeKeepAlive(), ontapFrame('NEGO_REQ', NEGO_REQ_BODY), encodeKeepAlive()]);
    const decoder = new FrameDecoder();
    const results = [...stream].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(results.map((r) => (r.ok ? r.frame.header.notfType : r.error.reason))).toEqual([
      'KEEP_ALIVE',
      'NEGO_REQ',
      'KEEP_ALIVE',
    ]);
  });

  it('holds a truncated frame without output and reports it at end of stream', () => {
    fc.assert(
      fc.property(validFrame, fc.nat(), (frame, cut) => {
        const length = cut % frame.length;
        const decoder = new FrameDecoder();
        expect(decoder.push(frame.subarray(0, length))).toEqual([]);
        expect(decoder.bufferedBytes).toBe(length);
        const atEnd = decoder.end();
        if (length === 0) expect(atEnd).toBeUndefined();
        else expect(atEnd?.reason).toBe('truncated-frame');
      }),
    );
  });

  it('only ever reports FpolicyFrameError and never buffers beyond the limit, whatever the bytes', () => {
    const maxFrameBytes = 256;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            // Plausible prefixes make the decoder reach the payload states, not just refuse byte 0.
            fc
              .tuple(fc.nat(400), fc.uint8Array({ maxLength: 300 }))
              .map(([n, rest]) => Uint8Array.from([0x22, 0, 0, n >> 8, n & 0xff, 0x22, ...rest])),
          ),
          { maxLength: 8 },
        ),
        (chunks) => {
          const decoder = new FrameDecoder({ maxFrameBytes });
          let fatal = false;
          for (const chunk of chunks) {
            const results = decoder.push(chunk);
            expect(decoder.bufferedBytes).toBeLessThanOrEqual(6 + maxFrameBytes);
            for (const r of results) {
              if (r.ok) {
                expectOnlyFrameErrors(() => decodeMessage(r.frame, { experimentalProtobuf: true }));
              } else {
                expect(r.error).toBeInstanceOf(FpolicyFrameError);
                if (fatal) expect(r.error.reason).toBe('decoder-failed');
                if (!r.error.resyncable) fatal = true;
              }
            }
          }
          expect(decoder.failed).toBe(fatal);
        },
      ),
    );
  });

  it('survives any single bit flip in a valid stream: typed errors only, and a valid frame after a resyncable error still decodes', () => {
    fc.assert(
      fc.property(validFrame, fc.nat(), fc.nat(7), (frame, index, bit) => {
        const flipped = Uint8Array.from(frame);
        const at = index % flipped.length;
        flipped[at] = (flipped[at] ?? 0) ^ (1 << bit);
        const decoder = new FrameDecoder();
        const results = decoder.push(Buffer.concat([flipped, encodeKeepAlive()]));
        for (const r of results) {
          if (r.ok) expectOnlyFrameErrors(() => decodeMessage(r.frame));
          else expect(r.error).toBeInstanceOf(FpolicyFrameError);
        }
        // A flip outside the 6-byte prefix leaves the boundary intact, so the keep-alive after it must arrive.
        if (at >= 6) {
          const last = results.at(-1);
          expect(last?.ok && last.frame.header.notfType).toBe('KEEP_ALIVE');
        }
      }),
    );
  });

  it('resyncs after a frame with a broken header and decodes the next frame', () => {
    const broken = rawFrame(Buffer.from(`${headerLine('SCREEN_REQ', 3)}\n\nabc\0`.replace('<Header>', '<Heder>')));
    const results = new FrameDecoder().push(Buffer.concat([broken, ontapFrame('NEGO_REQ', NEGO_REQ_BODY)]));
    expect(results).toHaveLength(2);
    const [first, second] = results;
    expect(first?.ok === false && first.error.reason).toBe('bad-header');
    expect(first?.ok === false && first.error.resyncable).toBe(true);
    expect(second?.ok && second.frame.header.notfType).toBe('NEGO_REQ');
  });

  it('stops after a fatal error: frames before it are returned, later input is refused', () => {
    const decoder = new FrameDecoder();
    const results = decoder.push(Buffer.concat([encodeKeepAlive(), Buffer.from('GET / HTTP/1.1\r\n')]));
    expect(results.map((r) => (r.ok ? r.frame.header.notfType : r.error.reason))).toEqual([
      'KEEP_ALIVE',
      'bad-frame-start',
    ]);
    expect(decoder.failed).toBe(true);
    const later = decoder.push(encodeKeepAlive());
    expect(later.map((r) => (r.ok ? 'frame' : r.error.reason))).toEqual(['decoder-failed']);
  });

  it('refuses a configuration without a usable frame limit', () => {
    expect(() => new FrameDecoder({ maxFrameBytes: 0 })).toThrow(FpolicyError);
    expect(() => new FrameDecoder({ maxFrameBytes: 2 ** 32 })).toThrow(FpolicyError);
  });

  it('reports nothing at end of stream after complete frames', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(encodeKeepAlive())).toHaveLength(1);
    expect(decoder.end()).toBeUndefined();
  });

  it('refuses an oversized length before reading the payload', () => {
    const decoder = new FrameDecoder({ maxFrameBytes: 1024 });
    const results = decoder.push(Uint8Array.from([0x22, 0x00, 0x00, 0x04, 0x01]));
    expect(results.map((r) => !r.ok && r.error.reason)).toEqual(['frame-too-large']);
    expect(decoder.bufferedBytes).toBe(0);
  });
});

const expectOnlyFrameErrors = (fn: () => unknown): void => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FpolicyFrameError);
    expect((error as FpolicyFrameError).resyncable).toBe(true);
  }
};
