import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Counts the body bytes of a request as Node's HTTP parser hands them to the request stream, whoever
 * reads them and whenever: wrapping `push` observes the bytes without consuming the stream or changing
 * its flow mode (a `data` listener would do both). Bytes are counted after HTTP chunked decoding, before
 * any aws-chunked decoding: what the client sent as the message body.
 */
export const countRequestBodyBytes = (req: IncomingMessage): (() => number) => {
  let bytes = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    bytes += byteLengthOf(chunk, encoding);
    return push(chunk, encoding);
  };
  return () => bytes;
};

/**
 * Counts the body bytes written to a response (`write` and `end`, streamed or not) as they pass, without
 * holding on to them. HEAD and 304 answers write no body and count 0.
 */
export const countResponseBodyBytes = (res: ServerResponse): (() => number) => {
  let bytes = 0;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    bytes += byteLengthOf(args[0], args[1]);
    return write(...args);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    bytes += byteLengthOf(args[0], args[1]);
    return end(...args);
  }) as ServerResponse['end'];
  return () => bytes;
};

/** Bytes of a stream chunk; anything else (null end marker, a callback in the chunk position) is 0. */
const byteLengthOf = (chunk: unknown, encoding: unknown): number => {
  if (chunk instanceof Uint8Array) return chunk.byteLength;
  if (typeof chunk === 'string') {
    return Buffer.byteLength(chunk, Buffer.isEncoding(String(encoding)) ? (encoding as BufferEncoding) : 'utf8');
  }
  return 0;
};
