import type { DocumentLine } from '@fsxn/inference';
import type { FieldCoverage } from './fields';

export interface ExtractionConfidence {
  /** min(text, fields), 0–1: the weaker of reading the page and finding what the document must carry. */
  readonly value: number;
  /** Character-weighted mean line confidence (Textract, OCR); 1 for a text layer read from the file. */
  readonly text: number;
  readonly fields: number;
  readonly missingFields: readonly string[];
}

/** Character-weighted mean of line confidences (0–100) as 0–1; no lines means nothing was read: 0. */
export const textConfidence = (lines: readonly Pick<DocumentLine, 'text' | 'confidence'>[]): number => {
  let weight = 0;
  let sum = 0;
  for (const line of lines) {
    const chars = [...line.text].length;
    weight += chars;
    sum += chars * Math.min(100, Math.max(0, line.confidence));
  }
  return weight === 0 ? 0 : sum / weight / 100;
};

const round = (n: number) => Math.round(n * 10_000) / 10_000;

export const extractionConfidence = (
  lines: readonly Pick<DocumentLine, 'text' | 'confidence'>[],
  coverage: FieldCoverage,
): ExtractionConfidence => {
  const text = round(textConfidence(lines));
  const fields = round(coverage.score);
  return { value: Math.min(text, fields), text, fields, missingFields: coverage.missing };
};
