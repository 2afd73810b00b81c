export {
  BEDROCK_PROVIDER,
  createBedrockTextGenerationPort,
  createTitanEmbeddingPort,
  DEFAULT_EMBEDDING_MODEL_ID,
  DEFAULT_TEXT_MODEL_ID,
  resolveModelId,
} from './aws/bedrock';
export {
  COMPREHEND_MAX_BYTES,
  COMPREHEND_PII_LANGUAGES,
  COMPREHEND_PROVIDER,
  createComprehendEntityPort,
} from './aws/comprehend-entities';
export { createComprehendMedicalEntityPort } from './aws/comprehend-medical-entities';
export {
  COMPREHEND_MEDICAL_MAX_CHARS,
  COMPREHEND_MEDICAL_PROVIDER,
  createComprehendMedicalPhiPort,
} from './aws/comprehend-medical-phi';
export { countPages, countTiffPages, TEXTRACT_SYNC_MAX_BYTES, TEXTRACT_SYNC_MAX_PAGES } from './aws/document-limits';
export { createRekognitionImagePort, REKOGNITION_MAX_BYTES, REKOGNITION_PROVIDER } from './aws/rekognition-image';
// AWS adapters, for callers that wire one port at a time.
export {
  createTextractDocumentTextPort,
  TEXTRACT_PROVIDER,
  type TextractDocumentTextOptions,
} from './aws/textract-document-text';
export { fromAwsError, InferenceError, isTransientAwsError } from './errors';
export { createInference, type InferenceClients, type InferenceOptions } from './factory';
export { isIbanValid, isJapaneseCorporateNumberValid, isLuhnValid } from './local/entities/checksums';
export {
  createLocalEntityPort,
  detectEntitiesLocally,
  detectPiiLocally,
  LOCAL_ENTITY_PROVIDER,
  LOCAL_PII_PROVIDER,
} from './local/entities/local-entities';
export { createLocalPhiPort, detectPhiLocally, LOCAL_PHI_PROVIDER } from './local/entities/medical-phi';
export { measureImage } from './local/image/image-stats';
// Local adapters and the pure algorithms behind them.
export {
  createLocalDocumentTextPort,
  LOCAL_PDF_PROVIDER,
  LOCAL_PLAIN_TEXT_PROVIDER,
} from './local/local-document-text';
export { createLocalEmbeddingPort, LOCAL_EMBEDDING_PROVIDER } from './local/local-embedding';
export { createLocalImagePort, LOCAL_IMAGE_PROVIDER, propertyLabels } from './local/local-image';
export { createLocalTextGenerationPort, LOCAL_SUMMARY_PROVIDER } from './local/local-text-generation';
export { KNOWN_CONDITIONS } from './local/medical/conditions';
export { KNOWN_GENE_SYMBOLS } from './local/medical/genes';
export {
  createLocalMedicalEntityPort,
  detectMedicalEntitiesLocally,
  LOCAL_MEDICAL_ENTITY_PROVIDER,
} from './local/medical/local-medical-entities';
export { KNOWN_MEDICATIONS, USAN_STEMS } from './local/medical/medications';
export { countPdfPages, extractPdfText, type PdfTextResult } from './local/pdf/pdf-text';
export { type Summary, type SummaryOptions, summarize } from './local/text/extractive-summary';
export { cosineSimilarity, hashingEmbedding } from './local/text/hashing-embedding';
export { renderReportTemplate } from './local/text/report-template';
export { splitSentences } from './local/text/sentences';
export * from './ports';
export { chunkText, type TextChunk } from './text/chunk-text';
