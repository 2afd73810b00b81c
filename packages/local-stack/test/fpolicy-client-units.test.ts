import { decodeFrame, decodeMessage, encodeScreenRequest, negotiate, operationOf } from '@fsxn/fpolicy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalStackError } from '../src/index';
import { ChangeTracker, type FileChange, type FileFacts } from '../src/ontap-simulator/fpolicy-client/change-tracker';
import { validateClientConfig } from '../src/ontap-simulator/fpolicy-client/config';
import { FpolicyClientError } from '../src/ontap-simulator/fpolicy-client/errors';
import { negoResponseProblem, ONTAP_OFFERED_VERSIONS } from '../src/ontap-simulator/fpolicy-client/handshake';
import { isoDurationToMs } from '../src/ontap-simulator/fpolicy-client/iso-duration';
import {
  buildNotification,
  screenRequestInput,
  toVolumePath,
} from '../src/ontap-simulator/fpolicy-client/notification';
import {
  type EventProtocol,
  isMonitored,
  type NotifiedOperation,
  operationsForSettledFile,
  reqTypeFor,
} from '../src/ontap-simulator/fpolicy-client/operations';
import { Outbox } from '../src/ontap-simulator/fpolicy-client/outbox';
import { buildPathFilter } from '../src/ontap-simulator/fpolicy-client/tree-scan';

describe('isoDurationToMs', () => {
  it('reads the ONTAP engine defaults and combined durations', () => {
    expect(isoDurationToMs('PT2M')).toBe(120_000);
    expect(isoDurationToMs('PT10S')).toBe(10_000);
    expect(isoDurationToMs('PT0.5S')).toBe(500);
    expect(isoDurationToMs('P1DT1H')).toBe(90_000_000);
  });

  it.each(['', 'P', 'PT', 'P1DT', 'P1Y', 'P1W', '2M', 'PT-1S', 'PT1M2H'])('refuses %j', (text) => {
    expect(() => isoDurationToMs(text)).toThrow(FpolicyClientError);
  });

  it('agrees with the sum of its parts for any days/hours/minutes/seconds', () => {
    const part = fc.option(fc.nat(1000), { nil: undefined });
    fc.assert(
      fc.property(part, part, part, part, (d, h, m, s) => {
        fc.pre(h !== undefined || m !== undefined || s !== undefined || d !== undefined);
        const time = `${h === undefined ? '' : `${h}H`}${m === undefined ? '' : `${m}M`}${s === undefined ? '' : `${s}S`}`;
        const text = `P${d === undefined ? '' : `${d}D`}${time === '' ? '' : `T${time}`}`;
        const seconds = (d ?? 0) * 86_400 + (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
        expect(isoDurationToMs(text)).toBe(seconds * 1000);
      }),
    );
  });
});

describe('ReqType per protocol', () => {
  const operations: NotifiedOperation[] = ['create', 'write', 'close', 'rename', 'delete'];

  it('uses names the @fsxn/fpolicy decoder maps back to the same operation', () => {
    for (const protocol of ['cifs', 'nfsv3', 'nfsv4'] as EventProtocol[]) {
      for (const operation of operations) {
        const reqType = reqTypeFor(protocol, operation);
        // SMB_WR is the simulator's own name (no capture, no server handles it); the decoder reports it as other.
        expect(operationOf(reqType)).toBe(reqType === 'SMB_WR' ? 'other' : operation);
      }
    }
    expect(operations.map((op) => reqTypeFor('cifs', op))).toEqual([
      'SMB_CREAT',
      'SMB_WR',
      'SMB_CLOSE',
      'SMB_REN',
      'SMB_DEL',
    ]);
    expect(operations.map((op) => reqTypeFor('nfsv3', op))).toEqual([
      'NFS_CREAT',
      'NFS_WR',
      'NFS_CLOSE',
      'NFS_RENAME',
      'NFS_UNLINK',
    ]);
  });

  it('reports only the operations the event monitors, and no close for NFSv3', () => {
    expect(isMonitored('cifs', { create: true }, 'create')).toBe(true);
    expect(isMonitored('cifs', { create: true }, 'delete')).toBe(false);
    expect(isMonitored('cifs', { create: true, delete: false }, 'delete')).toBe(false);
    expect(isMonitored('nfsv3', { close: true }, 'close')).toBe(false);
    expect(isMonitored('nfsv4', { close: true }, 'close')).toBe(true);
  });

  it('reports a settled new file as create, write and close, and an empty one without the write', () => {
    expect(operationsForSettledFile('created', 10)).toEqual(['create', 'write', 'close']);
    expect(operationsForSettledFile('created', 0)).toEqual(['create', 'close']);
    expect(operationsForSettledFile('modified', 0)).toEqual(['write', 'close']);
  });
});

describe('volume paths', () => {
  const segment = fc
    .string({
      unit: fc.constantFrom('a', 'B', '9', ' ', '-', '_', 'é', '日', '&', '<', "'"),
      minLength: 1,
      maxLength: 8,
    })
    .filter((s) => s !== '.' && s !== '..');

  it('normalises separators to one leading / and keeps every segment', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, windows) => {
        const expected = `/${segments.join('/')}`;
        const input = windows ? segments.join('\\') : `//${segments.join('/./')}/`;
        expect(toVolumePath(input)).toBe(expected);
        expect(toVolumePath(expected)).toBe(expected);
      }),
    );
  });

  it('refuses .. and control characters', () => {
    expect(() => toVolumePath('a/../b')).toThrow(FpolicyClientError);
    expect(() => toVolumePath('a\u007fb')).toThrow(FpolicyClientError);
    expect(() => toVolumePath('tab\there')).toThrow(FpolicyClientError);
  });

  it('puts the same path in a SCREEN_REQ that the @fsxn/fpolicy decoder reads back, in both forms', () => {
    const protocol = fc.constantFrom<EventProtocol>('cifs', 'nfsv3', 'nfsv4');
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        protocol,
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (from, to, proto, msid, reqId) => {
          const notification = buildNotification({
            operation: 'rename',
            protocol: proto,
            volumeName: 'vol1',
            volMsid: msid,
            path: from.join('/'),
            newPath: to.join('\\'),
            fileSize: 42,
            clientIp: '198.51.100.7',
            generationTimeMicros: 1_698_970_793_791_282,
            nowMs: 0,
          });
          const message = decodeMessage(
            decodeFrame(encodeScreenRequest(screenRequestInput(notification, proto, reqId))),
          );
          expect(message).toMatchObject({
            type: 'SCREEN_REQ',
            reqId: String(reqId),
            reqType: proto === 'cifs' ? 'SMB_REN' : 'NFS_RENAME',
            operation: 'rename',
            protocol: proto,
            path: `/${from.join('/')}`,
            winPath: `\\${from.join('\\')}`,
            targetPath: `/${to.join('/')}`,
            targetWinPath: `\\${to.join('\\')}`,
            volMsid: String(msid),
            fileSize: 42,
            fileType: 'FILE',
            clientIp: '198.51.100.7',
            generationTimeMicros: 1_698_970_793_791_282,
          });
        },
      ),
    );
  });
});

describe('NEGO_RESP check', () => {
  const id = fc.string({ unit: fc.constantFrom('a', 'b', '1', '-', 'x'), minLength: 1, maxLength: 12 });
  const request = fc.record({
    vsUuid: id,
    policyName: id,
    sessionId: id,
    versions: fc.constant(ONTAP_OFFERED_VERSIONS),
  });

  it('accepts what a conforming server answers', () => {
    fc.assert(
      fc.property(request, (req) => {
        expect(negoResponseProblem(req, negotiate(req))).toBeUndefined();
      }),
    );
  });

  it('refuses any changed id or a version that was not offered', () => {
    const field = fc.constantFrom('vsUuid', 'policyName', 'sessionId', 'version');
    fc.assert(
      fc.property(request, field, id, (req, name, other) => {
        const good = negotiate(req);
        const replacement = name === 'version' ? `9.${other.length}` : `${good[name]}${other}`;
        expect(negoResponseProblem(req, { ...good, [name]: replacement })).toMatch(/NEGO_RESP/);
      }),
    );
  });
});

describe('Outbox', () => {
  type Op = { kind: 'push'; n: number } | { kind: 'shift' } | { kind: 'requeue'; n: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('push' as const), n: fc.nat(1000) }),
    fc.constant({ kind: 'shift' as const }),
    fc.record({ kind: fc.constant('requeue' as const), n: fc.nat(1000) }),
  );

  it('behaves like a FIFO that drops (and counts) its oldest items beyond the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 3000 }), (maxItems, ops) => {
        const outbox = new Outbox<{ queuedAtMs: number; n: number }>({ maxItems, maxAgeMs: 1000 });
        let model: number[] = [];
        let dropped = 0;
        const trim = () => {
          const excess = Math.max(0, model.length - maxItems);
          dropped += excess;
          model = model.slice(excess);
        };
        for (const o of ops) {
          if (o.kind === 'push') {
            outbox.push({ queuedAtMs: 0, n: o.n });
            model.push(o.n);
            trim();
          } else if (o.kind === 'requeue') {
            outbox.requeueFront([{ queuedAtMs: 0, n: o.n }]);
            model.unshift(o.n);
            trim();
          } else {
            expect(outbox.shift(0)?.n).toBe(model.shift());
          }
          expect(outbox.size).toBe(model.length);
          expect(outbox.dropped).toBe(dropped);
        }
      }),
    );
  });

  it('drops items older than the age limit when they reach the front', () => {
    const outbox = new Outbox<{ queuedAtMs: number; n: number }>({ maxItems: 10, maxAgeMs: 100 });
    outbox.push({ queuedAtMs: 0, n: 1 });
    outbox.push({ queuedAtMs: 50, n: 2 });
    outbox.push({ queuedAtMs: 120, n: 3 });
    expect(outbox.shift(130)?.n).toBe(2);
    expect(outbox.dropped).toBe(1);
    expect(outbox.shift(500)).toBeUndefined();
    expect(outbox.dropped).toBe(2);
  });

  it('refuses a limit that could hold nothing', () => {
    expect(() => new Outbox({ maxItems: 0, maxAgeMs: 1 })).toThrow(FpolicyClientError);
  });
});

describe('path filter', () => {
  it('ignores keys under the prefixes (S3 semantics), whole ignored directories and S3AP temp names', () => {
    const ignored = buildPathFilter({ ignorePrefixes: ['fsxn-output/uc1/', '/logs'] });
    expect(ignored('fsxn-output/uc1/a.json', false)).toBe(true);
    expect(ignored('fsxn-output/uc1', true)).toBe(true);
    expect(ignored('fsxn-output', true)).toBe(false);
    expect(ignored('fsxn-output/uc2/a.json', false)).toBe(false);
    expect(ignored('logs-2024.txt', false)).toBe(true);
    expect(ignored('docs/.s3ap-tmp-0a1b2c', false)).toBe(true);
    expect(ignored('docs/s3ap-tmp-0a1b2c', false)).toBe(false);
    expect(buildPathFilter({ ignoreNames: [] })('.s3ap-tmp-00', false)).toBe(false);
  });
});

describe('client configuration', () => {
  const valid = {
    svm: { name: 'svm1', uuid: 'u' },
    policyName: 'p',
    engine: {
      primaryServers: [{ host: '127.0.0.1', port: 9898 }],
      type: 'asynchronous' as const,
      keepAliveIntervalMs: 1000,
      sessionTimeoutMs: 1000,
      maxConnectionRetries: 5,
    },
    events: { protocol: 'cifs' as const, fileOperations: { create: true } },
    volumes: [{ name: 'vol1', msid: 1, dir: '/tmp' }],
  };

  it.each([
    ['no server', { ...valid, engine: { ...valid.engine, primaryServers: [] } }],
    ['a bad port', { ...valid, engine: { ...valid.engine, primaryServers: [{ host: 'h', port: 70_000 }] } }],
    ['retries above 20', { ...valid, engine: { ...valid.engine, maxConnectionRetries: 21 } }],
    ['a zero keep-alive', { ...valid, engine: { ...valid.engine, keepAliveIntervalMs: 0 } }],
    ['a volume twice', { ...valid, volumes: [...valid.volumes, ...valid.volumes] }],
  ])('refuses %s', (_name, config) => {
    expect(() => validateClientConfig(config)).toThrow(FpolicyClientError);
  });

  it('raises errors of the package base class, not transient', () => {
    const error = new FpolicyClientError('x');
    expect(error).toBeInstanceOf(LocalStackError);
    expect(error.name).toBe('FpolicyClientError');
    expect(error.transient).toBe(false);
  });
});

// -------------------------------------------------------------------------------------------------------------
// ChangeTracker against a model file system: every operation, once settled, is reported exactly as performed.

type FsOp =
  | { kind: 'write'; file: number; bytes: number }
  | { kind: 'rename'; file: number; to: number }
  | { kind: 'delete'; file: number }
  | { kind: 'replace'; file: number; bytes: number };

const SETTLE = 100;

class ModelFs {
  readonly files = new Map<string, FileFacts>();
  private nextIdentity = 1;
  private clock = 1;

  snapshot(): Map<string, FileFacts> {
    return new Map(this.files);
  }

  /** Applies an operation; returns what a NAS client did, as `REPORT path[ -> target]` strings. */
  apply(op: FsOp): string[] {
    const name = (n: number) => `d${n % 2}/f${n}`;
    const path = name(op.file);
    const current = this.files.get(path);
    this.clock += 1;
    if (op.kind === 'write') {
      if (current === undefined) {
        this.files.set(path, { identity: `i${this.nextIdentity++}`, size: op.bytes, mtimeMs: this.clock });
        return [`created ${path} ${op.bytes}`];
      }
      const size = current.size + op.bytes;
      this.files.set(path, { ...current, size, mtimeMs: this.clock });
      return [`modified ${path} ${size}`];
    }
    if (op.kind === 'replace') {
      // Atomic write: a temp file outside the scan renamed over (or onto) the path.
      this.files.set(path, { identity: `i${this.nextIdentity++}`, size: op.bytes, mtimeMs: this.clock });
      return [`${current === undefined ? 'created' : 'modified'} ${path} ${op.bytes}`];
    }
    if (current === undefined) return [];
    if (op.kind === 'delete') {
      this.files.delete(path);
      return [`deleted ${path} ${current.size}`];
    }
    const target = name(op.to);
    if (target === path) return [];
    this.files.delete(path);
    this.files.set(target, current);
    return [`renamed ${path} -> ${target} ${current.size}`];
  }
}

const describeChange = (change: FileChange): string =>
  change.kind === 'renamed'
    ? `renamed ${change.path} -> ${change.newPath} ${change.size}`
    : `${change.kind} ${change.path} ${change.size}`;

const fsOp: fc.Arbitrary<FsOp> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), file: fc.nat(5), bytes: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('replace' as const), file: fc.nat(5), bytes: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('rename' as const), file: fc.nat(5), to: fc.nat(5) }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.nat(5) }),
);

describe('ChangeTracker', () => {
  it('reports each settled operation exactly as performed', () => {
    fc.assert(
      fc.property(fc.array(fsOp, { maxLength: 40 }), (ops) => {
        const fs = new ModelFs();
        const tracker = new ChangeTracker(fs.snapshot(), SETTLE);
        let now = 0;
        for (const op of ops) {
          const performed = fs.apply(op);
          // Two scans: the first sees the change, the second (after settleMs) reports a new/changed file.
          now += 1;
          const seen = tracker.observe(fs.snapshot(), now);
          now += SETTLE;
          const reported = [...seen, ...tracker.observe(fs.snapshot(), now)];
          expect(reported.map(describeChange)).toEqual(performed);
          expect(tracker.unsettled).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports nothing for files present at start, and waits while a file keeps changing', () => {
    const fs = new ModelFs();
    fs.apply({ kind: 'write', file: 0, bytes: 3 });
    const tracker = new ChangeTracker(fs.snapshot(), SETTLE);
    expect(tracker.observe(fs.snapshot(), 1000)).toEqual([]);
    fs.apply({ kind: 'write', file: 1, bytes: 1 });
    expect(tracker.observe(fs.snapshot(), 1001)).toEqual([]);
    for (let t = 1050; t < 1400; t += 50) {
      fs.apply({ kind: 'write', file: 1, bytes: 1 });
      expect(tracker.observe(fs.snapshot(), t)).toEqual([]);
      expect(tracker.unsettled).toBe(true);
    }
    expect(tracker.observe(fs.snapshot(), 1500).map(describeChange)).toEqual(['created d1/f1 8']);
  });

  it('reports nothing for a file created and removed (or renamed away and back) before it settled', () => {
    const fs = new ModelFs();
    const tracker = new ChangeTracker(fs.snapshot(), SETTLE);
    fs.apply({ kind: 'write', file: 2, bytes: 5 });
    expect(tracker.observe(fs.snapshot(), 10)).toEqual([]);
    fs.apply({ kind: 'delete', file: 2 });
    expect(tracker.observe(fs.snapshot(), 20)).toEqual([]);
    expect(tracker.observe(fs.snapshot(), 500)).toEqual([]);
    expect(tracker.unsettled).toBe(false);
  });

  it('reports a rename seen in one scan with a write after it as a rename, then a write once settled', () => {
    const fs = new ModelFs();
    fs.apply({ kind: 'write', file: 0, bytes: 3 });
    const tracker = new ChangeTracker(fs.snapshot(), SETTLE);
    fs.apply({ kind: 'rename', file: 0, to: 2 });
    fs.apply({ kind: 'write', file: 2, bytes: 4 });
    expect(tracker.observe(fs.snapshot(), 10).map(describeChange)).toEqual(['renamed d0/f0 -> d0/f2 7']);
    expect(tracker.observe(fs.snapshot(), 200).map(describeChange)).toEqual(['modified d0/f2 7']);
  });
});
