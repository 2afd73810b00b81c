import { FpolicyFrameError } from './errors';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8Encode = (text: string): Uint8Array => encoder.encode(text);

/** Strict UTF-8: malformed sequences are a protocol error, never silently replaced with U+FFFD. */
export const utf8Decode = (bytes: Uint8Array, what: string): string => {
  try {
    return strictDecoder.decode(bytes);
  } catch (cause) {
    throw new FpolicyFrameError('invalid-utf8', `${what} is not valid UTF-8`, { cause });
  }
};
