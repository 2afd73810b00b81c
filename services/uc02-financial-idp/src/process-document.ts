import {
  type DocumentText,
  detectEntitiesLocally,
  type EntityPort,
  LOCAL_ENTITY_PROVIDER,
  type Provider,
  type TextGenerationPort,
} from '@fsxn/inference';
import {
  classifyDocument,
  collectFields,
  type DocumentFields,
  DocumentFormatError,
  type DocumentInfo,
  type DocumentLanguage,
  type DocumentType,
  detectLanguage,
  type ExtractionConfidence,
  extractionConfidence,
  type FoundEntity,
  fieldCoverage,
  inspectDocument,
} from './domain';
import type { ReadDocumentText } from './text-source';

/** The reference's Comprehend input cap; beyond it a document's entities are not searched. */
export const ENTITY_TEXT_CHARS = 100_000;
/** What the summary model is given, as in the reference (first 5,000 characters). */
export const SUMMARY_INPUT_CHARS = 5_000;
/** Text kept in the summary JSON; entity offsets index the full extracted text, of which this is the start. */
export const TEXT_EXCERPT_CHARS = 20_000;

// Structured identifiers are found by deterministic rules in every mode: Comprehend has no entity type
// for invoice numbers, tax ids or IBANs and gives amounts without their currency.
const RULE_SUBTYPES = new Set(['AMOUNT', 'INVOICE_NUMBER', 'PO_NUMBER', 'TAX_ID', 'IBAN']);

export interface ProcessDeps {
  readText: ReadDocumentText;
  entities: EntityPort;
  textGeneration: TextGenerationPort;
  now: () => Date;
}

export interface SummaryDocument {
  documentKey: string;
  processedAt: string;
  format: DocumentInfo['format'];
  pageCount: number;
  language: DocumentLanguage;
  documentType: DocumentType;
  text: { provider: Provider; excerpt: string; length: number; truncated: boolean; warnings: readonly string[] };
  entities: readonly FoundEntity[];
  fields: DocumentFields;
  summary: { provider: Provider; text: string; stopReason: string; modelId?: string };
  confidence: ExtractionConfidence;
}

export type ProcessedDocument =
  | { kind: 'extracted'; document: SummaryDocument }
  | { kind: 'failed'; reason: string }
  | { kind: 'skipped'; reason: string };

const summaryInstructions = (type: DocumentType, fields: DocumentFields, language: DocumentLanguage) =>
  [
    `Summarise this ${type === 'unknown' ? 'business document' : type} in 3 to 5 sentences${language === 'ja' ? ', in Japanese' : ''}.`,
    'State the document type, the parties, the key dates and the amounts with their currency.',
    'Use only facts that appear in the document; do not guess missing values.',
    `Fields found by extraction: parties ${fields.parties.map((p) => p.text).join('; ') || 'none'}; dates ${
      fields.dates.map((d) => d.value).join(', ') || 'none'
    }; amounts ${fields.amounts.map((a) => a.value).join(', ') || 'none'}.`,
  ].join('\n');

const entitiesOf = async (text: string, language: DocumentLanguage, port: EntityPort): Promise<FoundEntity[]> => {
  const detected = await port.detectEntities({ text, languageCode: language });
  const found: FoundEntity[] = detected.entities.map((e) => ({ ...e, provider: detected.provider }));
  if (detected.provider !== LOCAL_ENTITY_PROVIDER) {
    for (const e of detectEntitiesLocally(text)) {
      if (e.subtype !== undefined && RULE_SUBTYPES.has(e.subtype))
        found.push({ ...e, provider: LOCAL_ENTITY_PROVIDER });
    }
  }
  return found.sort((a, b) => a.beginOffset - b.beginOffset || a.endOffset - b.endOffset);
};

/**
 * Checks the document's structure, reads its text (Textract in AWS, the PDF text layer or OCR offline),
 * finds entities and business fields, summarises it and scores how sure the extraction is. A corrupt or
 * truncated file ends `failed`; a document without readable text offline ends `skipped` with the reason,
 * never with invented text. Only infrastructure faults (the AI services) throw.
 */
export const processDocument = async (
  key: string,
  bytes: Uint8Array,
  deps: ProcessDeps,
): Promise<ProcessedDocument> => {
  let info: DocumentInfo;
  try {
    info = inspectDocument(bytes);
  } catch (error) {
    if (error instanceof DocumentFormatError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
  const read = await deps.readText(bytes, info);
  if (read.status === 'unsupported') {
    switch (read.unsupported) {
      case 'image-needs-ocr':
        return { kind: 'skipped', reason: `no offline OCR engine: ${read.message}` };
      case 'no-text-layer':
      case 'unknown-font-encoding':
        // Rasterising PDF pages for OCR is not done offline; Textract reads these in AWS.
        return {
          kind: 'skipped',
          reason: `no offline OCR engine for PDF pages (${read.unsupported}): ${read.message}`,
        };
      case 'encrypted':
        return { kind: 'failed', reason: `EncryptedDocument: ${read.message}` };
      default:
        return { kind: 'failed', reason: `UnsupportedDocument (${read.unsupported}): ${read.message}` };
    }
  }
  if (read.text.trim().length === 0) {
    return { kind: 'failed', reason: `NoTextFound: ${read.provider} found no text (blank page or unreadable scan)` };
  }
  return { kind: 'extracted', document: await analyse(key, info, read, deps) };
};

const analyse = async (key: string, info: DocumentInfo, read: DocumentText, deps: ProcessDeps) => {
  const text = read.text.slice(0, ENTITY_TEXT_CHARS);
  const language = detectLanguage(text);
  const documentType = classifyDocument(text);
  const entities = await entitiesOf(text, language, deps.entities);
  const fields = collectFields(entities);
  const confidence = extractionConfidence(read.lines, fieldCoverage(documentType, fields));
  const prompt = text.slice(0, SUMMARY_INPUT_CHARS);
  const generated = await deps.textGeneration.generate({
    system: summaryInstructions(documentType, fields, language),
    prompt,
    maxTokens: 1024,
    temperature: 0.3,
  });
  const document: SummaryDocument = {
    documentKey: key,
    processedAt: deps.now().toISOString(),
    format: info.format,
    pageCount: read.pageCount,
    language,
    documentType,
    text: {
      provider: read.provider,
      excerpt: read.text.slice(0, TEXT_EXCERPT_CHARS),
      length: read.text.length,
      truncated: read.text.length > TEXT_EXCERPT_CHARS,
      warnings: read.warnings,
    },
    entities,
    fields,
    summary: {
      provider: generated.provider,
      text: generated.text,
      stopReason: generated.stopReason,
      ...(generated.modelId === undefined ? {} : { modelId: generated.modelId }),
    },
    confidence,
  };
  return document;
};
