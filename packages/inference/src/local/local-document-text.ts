import type {
  DocumentLine,
  DocumentText,
  DocumentTextInput,
  DocumentTextPort,
  DocumentTextResult,
  DocumentTextUnsupportedReason,
  KeyValuePair,
  Provider,
  Unsupported,
} from '../ports';
import { extractPdfText } from './pdf/pdf-text';

export const LOCAL_PDF_PROVIDER = 'local:pdf-text-layer';
export const LOCAL_PLAIN_TEXT_PROVIDER = 'local:plain-text';

const TEXT_TYPES = /^(?:text\/|application\/(?:json|xml|csv|x-ndjson|yaml|x-yaml)\b)/;
// Text read from the file itself, not recognised from pixels: nothing to be unsure about.
const EXACT = 100;

const unsupported = (
  provider: Provider,
  reason: DocumentTextUnsupportedReason,
  message: string,
): Unsupported<DocumentTextUnsupportedReason> => ({ status: 'unsupported', provider, unsupported: reason, message });

/** `Key: value` lines as form fields, the closest plain-text analogue of Textract FORMS. */
function keyValuesOf(lines: readonly DocumentLine[]): KeyValuePair[] {
  const pairs: KeyValuePair[] = [];
  for (const line of lines) {
    const match = /^([^:：]{1,40}?)\s*[:：]\s*(\S.*)$/u.exec(line.text);
    if (match?.[1] !== undefined && match[2] !== undefined && !/^https?$/i.test(match[1])) {
      pairs.push({ key: match[1], value: match[2], confidence: EXACT, page: line.page });
    }
  }
  return pairs;
}

function documentOf(provider: DocumentText['provider'], pages: readonly string[], warnings: string[]): DocumentText {
  const lines = pages.flatMap((pageText, index) =>
    pageText
      .split(/\r?\n|\r/)
      .map((text) => text.trim())
      .filter((text) => text.length > 0)
      .map((text) => ({ text, confidence: EXACT, page: index + 1 })),
  );
  return {
    status: 'ok',
    provider,
    pageCount: pages.length,
    text: lines.map((l) => l.text).join('\n'),
    lines,
    keyValues: keyValuesOf(lines),
    tables: [],
    warnings,
  };
}

const looksLikePdf = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');

/**
 * Offline document text: plain-text formats pass through (form-feed separates pages), PDFs give their
 * text layer. Scans and images have no text to read without OCR, so they are reported as unsupported.
 */
export function createLocalDocumentTextPort(): DocumentTextPort {
  return {
    async extractText(input: DocumentTextInput): Promise<DocumentTextResult> {
      if (!('bytes' in input)) {
        return unsupported(
          LOCAL_PLAIN_TEXT_PROVIDER,
          's3-reference-unavailable',
          'the local adapter reads bytes; pass { bytes, mimeType } instead of an S3 location',
        );
      }
      const { bytes, mimeType } = input;
      const type = mimeType.toLowerCase();
      if (type === 'application/pdf' || looksLikePdf(bytes)) return fromPdf(bytes);
      if (TEXT_TYPES.test(type)) {
        const text = new TextDecoder('utf-8').decode(bytes);
        return documentOf(LOCAL_PLAIN_TEXT_PROVIDER, text.split('\f'), []);
      }
      if (type.startsWith('image/')) {
        return unsupported(
          LOCAL_PLAIN_TEXT_PROVIDER,
          'image-needs-ocr',
          `${type} has no text layer and no OCR engine runs offline`,
        );
      }
      return unsupported(LOCAL_PLAIN_TEXT_PROVIDER, 'unsupported-format', `no local text extractor for ${type}`);
    },
  };
}

function fromPdf(bytes: Uint8Array): DocumentTextResult {
  const result = extractPdfText(bytes);
  if (result.encrypted)
    return unsupported(LOCAL_PDF_PROVIDER, 'encrypted', 'the PDF is encrypted; its text cannot be read offline');
  const hasText = result.pages.some((p) => p.trim().length > 0);
  if (!hasText && result.undecodableStrings > 0) {
    return unsupported(
      LOCAL_PDF_PROVIDER,
      'unknown-font-encoding',
      `${result.undecodableStrings} text strings use fonts without a ToUnicode map`,
    );
  }
  if (!hasText) {
    return unsupported(
      LOCAL_PDF_PROVIDER,
      'no-text-layer',
      `the PDF (${result.pages.length} pages) has no text layer; it needs OCR`,
    );
  }
  const warnings =
    result.undecodableStrings > 0
      ? [`${result.undecodableStrings} text strings skipped: font has no ToUnicode map`]
      : [];
  return documentOf(LOCAL_PDF_PROVIDER, result.pages, warnings);
}
