import type { IncomingMessage } from 'node:http';

export interface ReadBodyOptions {
  readonly maxBytes: number;
  /** The error thrown once the body grows past `maxBytes` (each API answers it in its own format). */
  readonly tooLarge: () => Error;
}

/**
 * Reads a small request body (JSON APIs) as UTF-8. Stops at `maxBytes`: leaving the loop destroys the
 * request, so an oversized body is never buffered whole.
 */
export const readBody = async (req: IncomingMessage, options: ReadBodyOptions): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > options.maxBytes) throw options.tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};
