export { classifyObject, DOCUMENT_SUFFIXES } from './discovery-rules';
export * from './domain';
export { detectTesseract, LOCAL_OCR_PROVIDER } from './local-ocr';
export {
  ENTITY_TEXT_CHARS,
  type ProcessDeps,
  type ProcessedDocument,
  processDocument,
  type SummaryDocument,
} from './process-document';
export { REVIEW_POLICY, reviewNeedOf } from './review-policy';
export { type StagedDocument, stagedSchema } from './staged';
export { localReader, type ReadDocumentText, type StagingBucket, textractReader } from './text-source';
