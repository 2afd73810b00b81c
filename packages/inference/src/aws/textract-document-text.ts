import {
  AnalyzeDocumentCommand,
  type Block,
  type FeatureType,
  GetDocumentAnalysisCommand,
  type GetDocumentAnalysisCommandOutput,
  StartDocumentAnalysisCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { callAws, InferenceError } from '../errors';
import type { DocumentText, DocumentTextInput, DocumentTextPort, DocumentTextResult, S3ObjectLocation } from '../ports';
import { countPages, TEXTRACT_FORMATS, TEXTRACT_SYNC_MAX_BYTES, TEXTRACT_SYNC_MAX_PAGES } from './document-limits';
import { mapTextractBlocks } from './textract-blocks';

export const TEXTRACT_PROVIDER = 'aws:textract';

export interface TextractDocumentTextOptions {
  readonly client: TextractClient;
  /** Default TABLES + FORMS. */
  readonly featureTypes?: readonly FeatureType[];
  /** Wait between GetDocumentAnalysis polls; default 5 s. */
  readonly pollIntervalMs?: number;
  /** Give up (with a transient error) after this long; default 10 minutes. */
  readonly maxWaitMs?: number;
  /** Injected so tests and Step Functions callers control waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Textract `AnalyzeDocument` for bytes (one page, ≤ 5 MB, checked before the call) and
 * `StartDocumentAnalysis` + `GetDocumentAnalysis` for an object in a standard S3 bucket. Textract cannot
 * read FSx for ONTAP S3 access point objects by reference, so multi-page documents on a volume have to
 * be copied to a staging bucket first; the sync path takes the bytes read through the access point.
 */
export function createTextractDocumentTextPort(options: TextractDocumentTextOptions): DocumentTextPort {
  const featureTypes = [...(options.featureTypes ?? ['TABLES', 'FORMS'])];
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const maxWaitMs = options.maxWaitMs ?? 600_000;
  const sleep = options.sleep ?? defaultSleep;

  async function analyzeBytes(bytes: Uint8Array, mimeType: string): Promise<DocumentTextResult> {
    const type = mimeType.toLowerCase();
    if (!(TEXTRACT_FORMATS as readonly string[]).includes(type)) {
      return {
        status: 'unsupported',
        provider: TEXTRACT_PROVIDER,
        unsupported: 'unsupported-format',
        message: `Textract reads PDF, PNG, JPEG and TIFF, not ${type}`,
      };
    }
    if (bytes.length > TEXTRACT_SYNC_MAX_BYTES) {
      throw new InferenceError(
        `document is ${bytes.length} bytes; synchronous Textract takes at most ${TEXTRACT_SYNC_MAX_BYTES} — copy it to a staging bucket and pass { s3Object }`,
        { transient: false, code: 'SyncLimitExceeded' },
      );
    }
    const pages = countPages(bytes, type);
    if (pages > TEXTRACT_SYNC_MAX_PAGES) {
      throw new InferenceError(
        `document has ${pages} pages; synchronous Textract takes ${TEXTRACT_SYNC_MAX_PAGES} — copy it to a staging bucket and pass { s3Object }`,
        { transient: false, code: 'SyncLimitExceeded' },
      );
    }
    const response = await callAws('Textract AnalyzeDocument', () =>
      options.client.send(new AnalyzeDocumentCommand({ Document: { Bytes: bytes }, FeatureTypes: featureTypes })),
    );
    return toDocumentText(response.Blocks ?? [], response.DocumentMetadata?.Pages, []);
  }

  async function analyzeS3Object(location: S3ObjectLocation): Promise<DocumentTextResult> {
    const started = await callAws('Textract StartDocumentAnalysis', () =>
      options.client.send(
        new StartDocumentAnalysisCommand({
          DocumentLocation: {
            S3Object: {
              Bucket: location.bucket,
              Name: location.key,
              ...(location.version === undefined ? {} : { Version: location.version }),
            },
          },
          FeatureTypes: featureTypes,
        }),
      ),
    );
    const jobId = started.JobId;
    if (jobId === undefined)
      throw new InferenceError('Textract StartDocumentAnalysis returned no JobId', { transient: true });
    const get = (nextToken?: string): Promise<GetDocumentAnalysisCommandOutput> =>
      callAws('Textract GetDocumentAnalysis', () =>
        options.client.send(
          new GetDocumentAnalysisCommand({
            JobId: jobId,
            MaxResults: 1000,
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
        ),
      );
    let waited = 0;
    let response = await get();
    while (response.JobStatus === 'IN_PROGRESS') {
      if (waited >= maxWaitMs) {
        throw new InferenceError(`Textract job ${jobId} still running after ${maxWaitMs} ms`, {
          transient: true,
          code: 'JobTimeout',
        });
      }
      await sleep(pollIntervalMs);
      waited += pollIntervalMs;
      response = await get();
    }
    if (response.JobStatus !== 'SUCCEEDED' && response.JobStatus !== 'PARTIAL_SUCCESS') {
      throw new InferenceError(
        `Textract job ${jobId} ended ${response.JobStatus ?? 'without status'}: ${response.StatusMessage ?? ''}`.trim(),
        {
          transient: false,
          code: 'JobFailed',
        },
      );
    }
    const blocks: Block[] = [...(response.Blocks ?? [])];
    const warnings = (response.Warnings ?? []).map(
      (w) => `${w.ErrorCode ?? 'warning'} on pages ${(w.Pages ?? []).join(',')}`,
    );
    if (response.JobStatus === 'PARTIAL_SUCCESS')
      warnings.push('Textract reported PARTIAL_SUCCESS: some pages were not analysed');
    const pages = response.DocumentMetadata?.Pages;
    for (let token = response.NextToken; token !== undefined; ) {
      const next = await get(token);
      blocks.push(...(next.Blocks ?? []));
      token = next.NextToken;
    }
    return toDocumentText(blocks, pages, warnings);
  }

  return {
    async extractText(input: DocumentTextInput): Promise<DocumentTextResult> {
      return 'bytes' in input ? analyzeBytes(input.bytes, input.mimeType) : analyzeS3Object(input.s3Object);
    },
  };
}

function toDocumentText(blocks: readonly Block[], metadataPages: number | undefined, warnings: string[]): DocumentText {
  const mapped = mapTextractBlocks(blocks);
  return {
    status: 'ok',
    provider: TEXTRACT_PROVIDER,
    pageCount: metadataPages ?? Math.max(1, mapped.pageCount),
    text: mapped.lines.map((l) => l.text).join('\n'),
    lines: mapped.lines,
    keyValues: mapped.keyValues,
    tables: mapped.tables,
    warnings,
  };
}
