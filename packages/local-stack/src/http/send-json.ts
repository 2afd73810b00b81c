import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Writes `body` as a JSON response with its exact Content-Length; `headers` carry the API's content type. */
export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
