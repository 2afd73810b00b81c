import { decodeSource } from './decompress';
import type { FastqAccumulator, FastqStats } from './fastq-stats';
import { LineSplitter } from './line-splitter';
import type { VcfAccumulator, VcfStats } from './vcf-stats';

export interface StreamFacts {
  /** The input was gzip (plain gzip or BGZF). */
  compressed: boolean;
  /** Bytes read from storage (compressed when `compressed`). */
  bytesRead: number;
  /** Bytes after decompression that went through the parser. */
  bytesDecoded: number;
}

/** Default bound on one line: long reads and many-sample VCF lines fit, a binary file does not hang. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const feed = async (
  source: AsyncIterable<Uint8Array>,
  onLine: (line: string, lineNumber: number) => void,
  options: { maxLineBytes: number; encoding: BufferEncoding; stop?: () => boolean },
): Promise<StreamFacts> => {
  const decoded = decodeSource(source);
  const splitter = new LineSplitter(onLine, options.maxLineBytes, options.encoding);
  let bytesDecoded = 0;
  for await (const chunk of decoded.chunks) {
    bytesDecoded += chunk.length;
    splitter.push(chunk);
    // Sampling ends the read early; the caller's stream is destroyed by readStream.
    if (options.stop?.()) return { compressed: decoded.compressed(), bytesRead: decoded.bytesRead(), bytesDecoded };
  }
  splitter.end();
  return { compressed: decoded.compressed(), bytesRead: decoded.bytesRead(), bytesDecoded };
};

/** FASTQ statistics over a (gzip, BGZF or plain) byte stream. */
export const analyzeFastqStream = async (
  source: AsyncIterable<Uint8Array>,
  accumulator: FastqAccumulator,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): Promise<{ stats: FastqStats; stream: StreamFacts }> => {
  const stream = await feed(source, (line, n) => accumulator.pushLine(line, n), {
    maxLineBytes,
    encoding: 'latin1',
    stop: () => accumulator.full,
  });
  return { stats: accumulator.finish(), stream };
};

/** VCF statistics over a (BGZF, gzip or plain) byte stream. */
export const analyzeVcfStream = async (
  source: AsyncIterable<Uint8Array>,
  accumulator: VcfAccumulator,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): Promise<{ stats: VcfStats; stream: StreamFacts }> => {
  const stream = await feed(source, (line, n) => accumulator.pushLine(line, n), { maxLineBytes, encoding: 'utf8' });
  return { stats: accumulator.finish(), stream };
};
