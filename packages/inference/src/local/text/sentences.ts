export interface Sentence {
  readonly text: string;
  readonly index: number;
}

/**
 * Splits text into sentences: after `.`, `!`, `?` followed by whitespace (not after common
 * abbreviations or single initials), after Japanese/Chinese `。！？` with no space needed, and at
 * blank lines or line breaks that end a heading/bullet line.
 */
export function splitSentences(text: string): Sentence[] {
  const pieces: string[] = [];
  for (const block of text.split(/\n\s*\n|\r\n\s*\r\n/)) {
    for (const line of block.split(/\r?\n/)) {
      // Keep soft-wrapped prose together: a line that does not end a sentence joins the next one.
      const last = pieces.length > 0 ? (pieces[pieces.length - 1] ?? '') : '';
      if (last.length > 0 && !/[.!?。！？:：]$/.test(last.trim()) && /^\p{Ll}/u.test(line.trim())) {
        pieces[pieces.length - 1] = `${last} ${line.trim()}`;
      } else pieces.push(line.trim());
    }
    pieces.push('');
  }
  const sentences: string[] = [];
  const boundary =
    /(?<=[。！？])|(?<=(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Ltd|Co|Corp|St|No|vs|etc|e\.g|i\.e|Fig|Jr|Sr)|\b\p{Lu})[.!?]["')\]]?)\s+/u;
  for (const piece of pieces) {
    for (const part of piece.split(boundary)) {
      const trimmed = part.trim();
      if (trimmed.length > 0) sentences.push(trimmed);
    }
  }
  return sentences.map((text, index) => ({ text, index }));
}
