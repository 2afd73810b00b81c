import { randomUUID } from 'node:crypto';
import {
  type DocumentTextInput,
  type DocumentTextPort,
  type DocumentTextResult,
  TEXTRACT_SYNC_MAX_BYTES,
  TEXTRACT_SYNC_MAX_PAGES,
} from '@fsxn/inference';
import type { DocumentInfo } from './domain';

/** A standard S3 bucket Textract can read by reference: put, then always delete. */
export interface StagingBucket {
  readonly bucket: string;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export type ReadDocumentText = (bytes: Uint8Array, info: DocumentInfo) => Promise<DocumentTextResult>;

/**
 * Textract in AWS: one page up to 5 MB goes to `AnalyzeDocument` as bytes read through the access point;
 * anything larger is copied to the staging bucket for `StartDocumentAnalysis` (Textract cannot read an FSx
 * S3 access point by reference, which the reference project tried) and removed again afterwards.
 */
export const textractReader =
  (port: DocumentTextPort, staging: StagingBucket): ReadDocumentText =>
  async (bytes, info) => {
    if (bytes.length <= TEXTRACT_SYNC_MAX_BYTES && info.pages <= TEXTRACT_SYNC_MAX_PAGES) {
      return port.extractText({ bytes, mimeType: info.mimeType });
    }
    const key = `textract-staging/${randomUUID()}.${info.format}`;
    await staging.put(key, bytes, info.mimeType);
    try {
      const input: DocumentTextInput = { s3Object: { bucket: staging.bucket, key }, mimeType: info.mimeType };
      return await port.extractText(input);
    } finally {
      await staging.delete(key);
    }
  };

/** Offline: the local adapter reads the bytes (PDF text layer); images go to OCR when an engine is present. */
export const localReader =
  (port: DocumentTextPort, ocr?: DocumentTextPort): ReadDocumentText =>
  async (bytes, info) => {
    const input = { bytes, mimeType: info.mimeType };
    if (info.format !== 'pdf' && ocr !== undefined) return ocr.extractText(input);
    return port.extractText(input);
  };
