import { S3ApError } from '@fsxn/s3ap';
import { DEFAULT_MAX_LINE_BYTES, decodeSource, GenomicsError, LineSplitter } from '../domain';
import { AnnotationTextCollector, type AnnotationTextOptions } from './annotation-text';

/** Streams one input object to `consume` (S3AP readStream); the body is destroyed when `consume` returns. */
export type StreamInput = <T>(key: string, consume: (body: AsyncIterable<Uint8Array>) => Promise<T>) => Promise<T>;

export interface AnnotationReadLimits extends AnnotationTextOptions {
  /** Decompressed bytes read from one file at most: an unannotated tail is not worth a whole-genome read. */
  maxBytesPerFile: number;
  maxLineBytes?: number;
}

/** Defaults: the reference's 20,000-character Comprehend Medical input, 64 MiB of each VCF at most. */
export const DEFAULT_ANNOTATION_LIMITS: AnnotationReadLimits = { maxChars: 20_000, maxBytesPerFile: 64 * 1024 * 1024 };

export interface AnnotationCollection {
  text: string;
  /** Counts and reasons only (no annotation values), safe to log and to write beside the summary. */
  stats: {
    filesRequested: number;
    filesRead: number;
    /** Files cut at `maxBytesPerFile` before their end. */
    filesCapped: number;
    bytesDecoded: number;
    annotatedRecords: number;
    sentences: number;
    chars: number;
    truncated: boolean;
    unreadable: { key: string; reason: string }[];
  };
}

/**
 * Reads the annotations of the given VCF files (plain, gzip or BGZF, streamed) into one text, in order,
 * until the character budget is full. A file that is gone, not readable or corrupt is listed as
 * unreadable with its reason and the others are still read; a transient storage fault is thrown so the
 * step is retried.
 */
export const readVcfAnnotations = async (
  keys: readonly string[],
  stream: StreamInput,
  limits: AnnotationReadLimits = DEFAULT_ANNOTATION_LIMITS,
): Promise<AnnotationCollection> => {
  const collector = new AnnotationTextCollector(limits);
  const unreadable: { key: string; reason: string }[] = [];
  let filesRead = 0;
  let filesCapped = 0;
  let bytesDecoded = 0;
  for (const key of keys) {
    if (collector.full) break;
    try {
      const decoded = await stream(key, async (body) => {
        const reader = collector.reader();
        let wanted = true;
        const splitter = new LineSplitter(
          (line) => {
            if (wanted) wanted = reader.pushLine(line);
          },
          limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
          'utf8',
        );
        let bytes = 0;
        for await (const chunk of decodeSource(body).chunks) {
          bytes += chunk.length;
          splitter.push(chunk);
          if (!wanted) return { bytes, capped: false };
          if (bytes >= limits.maxBytesPerFile) return { bytes, capped: true };
        }
        splitter.end();
        return { bytes, capped: false };
      });
      filesRead += 1;
      bytesDecoded += decoded.bytes;
      if (decoded.capped) filesCapped += 1;
    } catch (error) {
      const permanentStorage = error instanceof S3ApError && !error.transient;
      if (!(error instanceof GenomicsError) && !permanentStorage) throw error;
      unreadable.push({ key, reason: `${error.name}: ${error.message}` });
    }
  }
  return {
    text: collector.text(),
    stats: {
      filesRequested: keys.length,
      filesRead,
      filesCapped,
      bytesDecoded,
      ...collector.stats(),
      unreadable,
    },
  };
};
