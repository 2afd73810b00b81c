import { FpolicyFrameError } from './errors';
import {
  decodePayload,
  type FpolicyFrame,
  FRAME_DELIMITER,
  FRAME_PREFIX_BYTES,
  type FrameLimits,
  resolveLimits,
} from './frame';

/** What one frame on the stream turned into. A resyncable error leaves the decoder usable for the next frame. */
export type DecodedFrame =
  | { readonly ok: true; readonly frame: FpolicyFrame }
  | { readonly ok: false; readonly error: FpolicyFrameError };

/**
 * Turns TCP chunks into frames, whatever the chunk boundaries. Memory is bounded: at most the 6-byte prefix plus
 * one payload of at most `maxFrameBytes`, allocated only after the prefix has been validated. After a fatal error
 * (bad prefix, length 0 or above the limit) the decoder refuses further input: the caller must close the socket.
 */
export class FrameDecoder {
  private readonly limits: FrameLimits;
  private readonly prefix = new Uint8Array(FRAME_PREFIX_BYTES);
  private prefixFill = 0;
  private payload: Uint8Array | undefined;
  private payloadFill = 0;
  private failure: FpolicyFrameError | undefined;

  constructor(limits: Partial<FrameLimits> = {}) {
    this.limits = resolveLimits(limits);
  }

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.prefixFill + this.payloadFill;
  }

  /** True after a fatal error; every later push reports `decoder-failed`. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.failure !== undefined) return [{ ok: false, error: this.refused() }];
    const out: DecodedFrame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.payload === undefined) {
        offset = this.fillPrefix(chunk, offset);
        if (this.failure !== undefined) {
          out.push({ ok: false, error: this.failure });
          return out;
        }
      } else {
        const payload = this.payload;
        const take = Math.min(payload.length - this.payloadFill, chunk.length - offset);
        payload.set(chunk.subarray(offset, offset + take), this.payloadFill);
        this.payloadFill += take;
        offset += take;
        if (this.payloadFill === payload.length) {
          this.payload = undefined;
          this.payloadFill = 0;
          this.prefixFill = 0;
          out.push(this.decode(payload));
        }
      }
    }
    return out;
  }

  /**
   * Call when the peer closed the connection: reports a frame cut off mid-way (if any) and resets the decoder.
   */
  end(): FpolicyFrameError | undefined {
    const partial = this.bufferedBytes;
    this.prefixFill = 0;
    this.payload = undefined;
    this.payloadFill = 0;
    if (this.failure !== undefined || partial === 0) return undefined;
    return new FpolicyFrameError('truncated-frame', `connection closed with ${partial} bytes of an incomplete frame`);
  }

  private decode(payload: Uint8Array): DecodedFrame {
    try {
      return { ok: true, frame: decodePayload(payload, this.limits) };
    } catch (error) {
      if (error instanceof FpolicyFrameError) return { ok: false, error };
      // Only our own code runs in decodePayload; anything else is a defect, still reported as a typed refusal.
      return {
        ok: false,
        error: new FpolicyFrameError('bad-header', 'payload could not be decoded', { cause: error }),
      };
    }
  }

  /** Consumes prefix bytes, validating each as soon as it arrives so garbage is refused without buffering. */
  private fillPrefix(chunk: Uint8Array, start: number): number {
    let offset = start;
    while (offset < chunk.length && this.prefixFill < FRAME_PREFIX_BYTES) {
      const byte = chunk[offset] ?? 0;
      offset += 1;
      this.prefix[this.prefixFill] = byte;
      this.prefixFill += 1;
      if (this.prefixFill === 1 && byte !== FRAME_DELIMITER) {
        return this.fail('bad-frame-start', `expected '"' (0x22) at the start of a frame, got 0x${hex(byte)}`, offset);
      }
      if (this.prefixFill === 5) {
        const length = new DataView(this.prefix.buffer).getUint32(1, false);
        if (length === 0) return this.fail('empty-frame', 'length prefix is 0', offset);
        if (length > this.limits.maxFrameBytes) {
          return this.fail(
            'frame-too-large',
            `length prefix ${length} exceeds the limit of ${this.limits.maxFrameBytes}`,
            offset,
          );
        }
      }
      if (this.prefixFill === 6) {
        if (byte !== FRAME_DELIMITER) {
          return this.fail('bad-length-delimiter', `expected '"' (0x22) after the length, got 0x${hex(byte)}`, offset);
        }
        this.payload = new Uint8Array(new DataView(this.prefix.buffer).getUint32(1, false));
        this.payloadFill = 0;
      }
    }
    return offset;
  }

  private fail(
    reason: 'bad-frame-start' | 'bad-length-delimiter' | 'empty-frame' | 'frame-too-large',
    message: string,
    offset: number,
  ): number {
    this.failure = new FpolicyFrameError(reason, message);
    this.prefixFill = 0;
    return offset;
  }

  private refused(): FpolicyFrameError {
    return new FpolicyFrameError(
      'decoder-failed',
      'the stream is out of sync after an earlier fatal error; close the connection',
      {
        cause: this.failure,
      },
    );
  }
}

const hex = (byte: number): string => byte.toString(16).padStart(2, '0');

/**
 * Decodes a buffer that holds exactly one frame (tests, the simulator reading a whole response). Throws
 * `FpolicyFrameError` for anything else, including a truncated frame or bytes after it.
 */
export const decodeFrame = (bytes: Uint8Array, limits: Partial<FrameLimits> = {}): FpolicyFrame => {
  const decoder = new FrameDecoder(limits);
  const results = decoder.push(bytes);
  const first = results[0];
  if (first !== undefined && !first.ok) throw first.error;
  if (first === undefined) {
    throw decoder.end() ?? new FpolicyFrameError('truncated-frame', 'no bytes');
  }
  if (results.length > 1 || decoder.bufferedBytes > 0) {
    throw new FpolicyFrameError('trailing-bytes', 'bytes follow the first frame');
  }
  return first.frame;
};
