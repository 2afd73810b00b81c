import { DicomError } from './errors';
import {
  elementOf,
  formatTag,
  groupOf,
  ITEM,
  ITEM_DELIMITATION,
  SEQUENCE_DELIMITATION,
  type Tag,
  UNDEFINED_LENGTH,
} from './tag';
import type { Encoding } from './transfer-syntax';
import { hasLongLength, type Vr } from './vr';

/** An ordered list of byte chunks and their total length, concatenated once at the end. */
export class ByteChunks {
  readonly parts: Uint8Array[] = [];
  length = 0;

  push(...chunks: Uint8Array[]): this {
    for (const chunk of chunks) {
      this.parts.push(chunk);
      this.length += chunk.length;
    }
    return this;
  }

  append(other: ByteChunks): this {
    return this.push(...other.parts);
  }

  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

const writeTag = (view: DataView, tag: Tag, encoding: Encoding): void => {
  view.setUint16(0, groupOf(tag), encoding.littleEndian);
  view.setUint16(2, elementOf(tag), encoding.littleEndian);
};

/** Element header in the stream's encoding; `length` may be UNDEFINED_LENGTH for SQ, UN and encapsulated OB. */
export const elementHeader = (tag: Tag, vr: Vr, length: number, encoding: Encoding): Uint8Array => {
  if (!encoding.explicitVr) {
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    writeTag(view, tag, encoding);
    view.setUint32(4, length, encoding.littleEndian);
    return out;
  }
  const long = hasLongLength(vr);
  if (!long && length > 0xffff) {
    throw new DicomError(`${formatTag(tag)} value of ${length} bytes exceeds the 16-bit length of VR ${vr}`);
  }
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  writeTag(view, tag, encoding);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length, encoding.littleEndian);
  else view.setUint16(6, length, encoding.littleEndian);
  return out;
};

const delimiterLike = (tag: Tag, length: number, encoding: Encoding): Uint8Array => {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  writeTag(view, tag, encoding);
  view.setUint32(4, length, encoding.littleEndian);
  return out;
};

export const itemHeader = (length: number, encoding: Encoding): Uint8Array => delimiterLike(ITEM, length, encoding);
export const itemDelimiter = (encoding: Encoding): Uint8Array => delimiterLike(ITEM_DELIMITATION, 0, encoding);
export const sequenceDelimiter = (encoding: Encoding): Uint8Array => delimiterLike(SEQUENCE_DELIMITATION, 0, encoding);
export { UNDEFINED_LENGTH };

/** A whole element with a defined-length value. */
export const encodeElement = (tag: Tag, vr: Vr, value: Uint8Array, encoding: Encoding): ByteChunks =>
  new ByteChunks().push(elementHeader(tag, vr, value.length, encoding), value);
