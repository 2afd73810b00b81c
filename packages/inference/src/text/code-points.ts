/**
 * Comprehend and Comprehend Medical report offsets in Unicode code points; JavaScript strings index
 * UTF-16 code units. The two differ as soon as the text contains a character outside the BMP (emoji,
 * rare kanji), so every offset coming back from AWS goes through this conversion.
 */

/** Maps a code-point offset within `text` to the UTF-16 index (clamped to the text length). */
export function createCodePointToUtf16(text: string): (codePointOffset: number) => number {
  const utf16ByCodePoint: number[] = [];
  let index = 0;
  for (const char of text) {
    utf16ByCodePoint.push(index);
    index += char.length;
  }
  utf16ByCodePoint.push(index);
  return (offset) => {
    if (offset <= 0) return 0;
    return utf16ByCodePoint[offset] ?? text.length;
  };
}

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
