export interface JpegFrame {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly precision: number;
}

export const isJpeg = (bytes: Uint8Array): boolean => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

// Start-of-frame markers carry the dimensions: SOF0–3, 5–7, 9–11, 13–15 (C4 DHT, C8 JPG, CC DAC are not frames).
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Walks the marker segments up to the first SOF and reads its header; `undefined` if there is none. */
export function readJpegFrame(bytes: Uint8Array): JpegFrame | undefined {
  if (!isJpeg(bytes)) return undefined;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    let marker = bytes[pos + 1] ?? 0;
    // Fill bytes: any number of 0xFF may precede a marker.
    while (marker === 0xff && pos + 2 < bytes.length) {
      pos++;
      marker = bytes[pos + 1] ?? 0;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (pos + 2 + length > bytes.length || length < 8) return undefined;
      const at = (i: number) => bytes[pos + 4 + i] ?? 0;
      return { precision: at(0), height: (at(1) << 8) | at(2), width: (at(3) << 8) | at(4), components: at(5) };
    }
    pos += 2 + length;
  }
  return undefined;
}
