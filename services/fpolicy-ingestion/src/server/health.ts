import { once } from 'node:events';
import { createServer } from 'node:http';

export interface HealthServer {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * `GET /healthz` for the container health check and the NLB target group: 200 with the report while
 * `check()` says healthy, 503 otherwise. Nothing else is served.
 */
export const startHealthServer = async (options: {
  readonly port: number;
  readonly host?: string;
  readonly check: () => { readonly healthy: boolean; readonly report: object };
}): Promise<HealthServer> => {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/healthz') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const { healthy, report } = options.check();
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify(report)}\n`);
  });
  server.listen(options.port, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : options.port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
