// The ONTAP side of an FPolicy connection, built only from the codec's encoders (what ONTAP sends) and its
// decoder (to read the server's answers). Loopback only.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import {
  decodeMessage,
  encodeKeepAlive,
  encodeNegoRequest,
  encodeScreenRequest,
  type FpolicyMessage,
  FrameDecoder,
  type ScreenRequestInput,
} from '@fsxn/fpolicy';

export interface OntapPeer {
  readonly socket: Socket;
  readonly received: FpolicyMessage[];
  write(bytes: Uint8Array): Promise<void>;
  /** Resolves with the next message of that type (or rejects after `timeoutMs`). */
  next(type: FpolicyMessage['type'], timeoutMs?: number): Promise<FpolicyMessage>;
  closed(): Promise<void>;
  end(): Promise<void>;
}

export const connectPeer = async (port: number): Promise<OntapPeer> => {
  const socket = connect({ port, host: '127.0.0.1' });
  await once(socket, 'connect');
  const decoder = new FrameDecoder();
  const received: FpolicyMessage[] = [];
  const waiters: { type: string; resolve: (m: FpolicyMessage) => void }[] = [];
  let consumed = 0;
  socket.on('data', (chunk: Buffer) => {
    for (const item of decoder.push(chunk)) {
      if (!item.ok) throw item.error;
      const message = decodeMessage(item.frame);
      received.push(message);
    }
    for (let i = 0; i < waiters.length; ) {
      const waiter = waiters[i];
      const index = received.findIndex((m, j) => j >= consumed && m.type === waiter?.type);
      if (waiter !== undefined && index >= 0) {
        consumed = index + 1;
        waiters.splice(i, 1);
        waiter.resolve(received[index] as FpolicyMessage);
      } else i += 1;
    }
  });
  socket.on('error', () => undefined);
  const closedPromise = once(socket, 'close').then(() => undefined);
  return {
    socket,
    received,
    write: (bytes) =>
      new Promise((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve()))),
    next: (type, timeoutMs = 5_000) => {
      const index = received.findIndex((m, j) => j >= consumed && m.type === type);
      if (index >= 0) {
        consumed = index + 1;
        return Promise.resolve(received[index] as FpolicyMessage);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          type,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    closed: () => closedPromise,
    end: async () => {
      socket.end();
      await closedPromise;
    },
  };
};

export const SESSION = 'd8ad84cc-79dd-11ee-b638-000c29cdbe04';
export const VS_UUID = '45228b37-6292-11ee-b5d1-000c29cdbe04';

export const negoRequest = (sessionId = SESSION) =>
  encodeNegoRequest({ vsUuid: VS_UUID, policyName: 'fsxn_policy', sessionId, versions: ['1.0', '1.1', '1.2', '2.0'] });

/** Negotiates like an ONTAP node and waits for the NEGO_RESP. */
export const handshake = async (peer: OntapPeer, sessionId = SESSION): Promise<FpolicyMessage> => {
  await peer.write(negoRequest(sessionId));
  return peer.next('NEGO_RESP');
};

export const screen = (reqId: number, path: string, overrides: Partial<ScreenRequestInput> = {}): Uint8Array =>
  encodeScreenRequest({
    reqId,
    reqType: 'SMB_CREAT',
    clientIp: '192.0.2.26',
    generationTimeMicros: 1698970793791282 + reqId,
    user: { uid: 0, winSid: 'S-1-5-21-1000' },
    path,
    volMsid: 2157674396,
    fileSize: 0,
    fileType: 'FILE',
    details: [['CreatNewObject', '1']],
    ...overrides,
  });

export { encodeKeepAlive };

/** Polls a condition without asserting on time: the test's own timeout bounds it. */
export const until = async (condition: () => boolean, stepMs = 5): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, stepMs));
};
