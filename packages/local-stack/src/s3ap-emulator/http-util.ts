import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { S3ApEmulatorError } from './s3-error';
import { el, escapeXml } from './xml';

/** The first value of a request header. */
export const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const quoteEtag = (etag: string): string => `"${etag}"`;
export const unquoteEtag = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

export const sendXml = (res: ServerResponse, status: number, xml: string, headers: OutgoingHttpHeaders = {}): void => {
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(status, { ...headers, 'content-type': 'application/xml', 'content-length': body.length });
  res.end(body);
};

export const sendEmpty = (res: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}): void => {
  res.writeHead(status, { ...headers, 'content-length': 0 });
  res.end();
};

/** True while the client may still be sending a body we have not read. */
const bodyPending = (req: IncomingMessage): boolean =>
  !req.readableEnded && (header(req, 'content-length') !== '0' || header(req, 'transfer-encoding') !== undefined);

/**
 * Writes an S3 XML error (`<Error><Code/><Message/><Resource/><RequestId/></Error>`), or only the status for
 * HEAD. Any error that is not an S3ApEmulatorError is an InternalError whose details stay in the server.
 */
export const sendError = (req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string): void => {
  const s3Error =
    error instanceof S3ApEmulatorError
      ? error
      : new S3ApEmulatorError(
          'InternalError',
          'We encountered an internal error. Please try again.',
          {},
          { cause: error },
        );
  if (res.headersSent) {
    res.destroy(s3Error);
    return;
  }
  const headers: OutgoingHttpHeaders = { 'x-amz-request-id': requestId };
  // An unread body would be parsed as the next request on a kept-alive connection.
  if (bodyPending(req)) headers.connection = 'close';
  if (s3Error.code === 'InvalidRange' && s3Error.extra.ActualObjectSize !== undefined) {
    headers['content-range'] = `bytes */${s3Error.extra.ActualObjectSize}`;
  }
  if (req.method === 'HEAD') {
    sendEmpty(res, s3Error.status, headers);
    return;
  }
  const extra = Object.entries(s3Error.extra)
    .map(([name, value]) => el(name, value))
    .join('');
  const resource = escapeXml((req.url ?? '/').split('?', 1)[0] ?? '/');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${el('Code', s3Error.code)}${el('Message', s3Error.message)}${extra}<Resource>${resource}</Resource>${el('RequestId', requestId)}</Error>`;
  sendXml(res, s3Error.status, xml, headers);
  if (bodyPending(req)) req.resume();
};
