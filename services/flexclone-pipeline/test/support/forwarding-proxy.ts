import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardingProxy {
  readonly endpoint: string;
  /** Requests forwarded since start or the last reset. */
  readonly count: () => number;
  readonly reset: () => void;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy for tests and the bench: forwards each request unchanged to the base URL `upstreamOf`
 * gives at that moment (the simulator starts after the proxy) and counts them, a second method beside the
 * steps' own counters for the ONTAP requests a run sends.
 */
export const startForwardingProxy = async (upstreamOf: () => string): Promise<ForwardingProxy> => {
  let forwarded = 0;
  const server = createServer((req, res) => {
    forwarded++;
    const target = new URL(req.url ?? '/', upstreamOf());
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
