import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardingProxy {
  readonly endpoint: string;
  /** Requests forwarded since start or the last reset. */
  readonly count: () => number;
  readonly reset: () => void;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy for tests: forwards each request unchanged to the base URL `upstreamOf` picks and
 * counts them. It counts the ONTAP requests a run sends (a second method beside the steps' own counters)
 * and routes S3 requests by bucket, so one S3 endpoint can serve the stack's access points and the clone's.
 */
export const startForwardingProxy = async (
  upstreamOf: (req: IncomingMessage) => Promise<string>,
): Promise<ForwardingProxy> => {
  let forwarded = 0;
  const server = createServer((req, res) => {
    forwarded++;
    upstreamOf(req)
      .then((upstream) => {
        const target = new URL(req.url ?? '/', upstream);
        const outgoing = request(
          target,
          { method: req.method, headers: { ...req.headers, host: target.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        outgoing.on('error', (error) => {
          res.writeHead(502);
          res.end(String(error));
        });
        req.pipe(outgoing);
      })
      .catch((error: unknown) => {
        res.writeHead(502);
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    count: () => forwarded,
    reset: () => {
      forwarded = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/** The bucket of a path-style S3 request (`/<bucket>/<key>`). */
export const bucketOfRequest = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0]?.split('/')[1] ?? '';
