import { codePointLength, utf8ByteLength } from './code-points';

/** A slice of a longer text and where it starts (UTF-16 index) in that text. */
export interface TextChunk {
  readonly text: string;
  readonly start: number;
}

export interface ChunkLimit {
  /** Largest size a chunk may have in `unit`. */
  readonly max: number;
  readonly unit: 'utf8-bytes' | 'code-points';
}

const measure = (text: string, unit: ChunkLimit['unit']): number =>
  unit === 'utf8-bytes' ? utf8ByteLength(text) : codePointLength(text);

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Largest UTF-16 length `n` such that `text.slice(from, from + n)` fits the limit (binary search). */
function fittingLength(text: string, from: number, limit: ChunkLimit): number {
  let low = 0;
  let high = text.length - from;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(text.slice(from, from + mid), limit.unit) <= limit.max) low = mid;
    else high = mid - 1;
  }
  return low;
}

// Break after paragraph/sentence ends first, then any whitespace, so entities are rarely cut in two.
const BREAK_PATTERNS: readonly RegExp[] = [/\n\s*\n/g, /[.!?。！？]\s|[。！？]|\n/g, /\s/g];

function bestBreak(window: string): number {
  for (const pattern of BREAK_PATTERNS) {
    let last = -1;
    for (const match of window.matchAll(pattern)) last = match.index + match[0].length;
    // Only accept a break in the second half, otherwise chunks would get tiny.
    if (last > window.length / 2) return last;
  }
  return window.length;
}

/**
 * Splits `text` into consecutive chunks that each fit `limit`, preferring paragraph, sentence and word
 * boundaries and never splitting a surrogate pair. Concatenating the chunks gives back `text`.
 */
export function chunkText(text: string, limit: ChunkLimit): TextChunk[] {
  if (limit.max < 4) throw new RangeError('chunk limit must allow at least one character');
  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    let length = fittingLength(text, start, limit);
    if (start + length < text.length) {
      if (isHighSurrogate(text.charCodeAt(start + length - 1))) length -= 1;
      length = bestBreak(text.slice(start, start + length));
    }
    chunks.push({ text: text.slice(start, start + length), start });
    start += length;
  }
  return chunks;
}
