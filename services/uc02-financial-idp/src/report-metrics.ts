import type { ItemResult } from '@fsxn/pipeline';

/**
 * UC2's own measurements over the released documents: mean text confidence (the reference's "OCR
 * accuracy" proxy: Textract/OCR line confidence, 1 for a text layer) and the share whose required fields
 * were all found (its "extraction" metric). Undefined when nothing was released: no number is invented.
 */
export const measureExtraction = (items: readonly ItemResult[]) => {
  const released = items.filter((i) => i.status === 'SUCCEEDED');
  const mean = (values: number[]) =>
    values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
  return {
    meanTextConfidence: mean(
      released.flatMap((i) => (i.metrics.textConfidence === undefined ? [] : [i.metrics.textConfidence])),
    ),
    extractionCompleteness: mean(
      released.flatMap((i) => (i.metrics.fieldsComplete === undefined ? [] : [i.metrics.fieldsComplete])),
    ),
  };
};
