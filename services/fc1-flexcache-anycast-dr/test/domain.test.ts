import { describe, expect, it } from 'vitest';
import { decideRoute } from '../src/domain/decide-route';
import { parseEndpoints } from '../src/domain/endpoints';
import { InvalidInputError } from '../src/domain/errors';
import { combineHealth, fail, pass, toRouteEndpoint } from '../src/domain/health';
import { failureOf } from '../src/domain/report';
import { auditCompleteness } from '../src/steps/routing-table';

const rules = { originVolume: 'vol1', accessPointPrefix: 'fsxn-fc1-' };
const list = (entries: unknown[]) => JSON.stringify(entries);
const tokyo = {
  id: 'tokyo',
  volume: 'vol1_tokyo',
  accessPoint: 'arn:aws:s3:ap-northeast-1:123456789012:accesspoint/fsxn-fc1-tokyo',
  region: 'ap-northeast-1',
  priority: 1,
};
const osaka = {
  ...tokyo,
  id: 'osaka',
  volume: 'vol1_osaka',
  accessPoint: 'fsxn-fc1-osaka-abcdefghij-ext-s3alias',
  priority: 2,
};

describe('parseEndpoints', () => {
  it('parses ARNs and aliases, fills defaults and marks the origin', () => {
    const parsed = parseEndpoints(
      list([
        tokyo,
        osaka,
        { ...tokyo, id: 'origin', volume: 'vol1', accessPoint: 'fsxn-fc1-origin-abcdefghij-ext-s3alias' },
      ]),
      rules,
    );
    expect(parsed.map((e) => [e.id, e.accessPointName, e.weight, e.isOrigin])).toEqual([
      ['tokyo', 'fsxn-fc1-tokyo', 1, false],
      ['osaka', 'fsxn-fc1-osaka', 1, false],
      ['origin', 'fsxn-fc1-origin', 1, true],
    ]);
  });

  it.each([
    ['not JSON', '[', /not valid JSON/],
    ['an empty list', '[]', /invalid endpoint list/],
    ['a hyphen in a volume name', list([{ ...tokyo, volume: 'vol-1' }]), /volume/],
    [
      'an access point outside the prefix',
      list([{ ...tokyo, accessPoint: 'arn:aws:s3:ap-northeast-1:123456789012:accesspoint/other' }]),
      /does not start with "fsxn-fc1-"/,
    ],
    [
      'a bucket name instead of an access point',
      list([{ ...tokyo, accessPoint: 'my-bucket' }]),
      /Not an S3 access point/,
    ],
    ['a duplicate id', list([tokyo, { ...osaka, id: 'tokyo' }]), /id "tokyo" is listed twice/],
    ['a duplicate volume', list([tokyo, { ...osaka, volume: 'vol1_tokyo' }]), /volume "vol1_tokyo"/],
    ['only the origin', list([{ ...tokyo, volume: 'vol1' }]), /no FlexCache/],
  ])('refuses %s with InvalidInputError', (_what, text, message) => {
    expect(() => parseEndpoints(text, rules)).toThrow(InvalidInputError);
    expect(() => parseEndpoints(text, rules)).toThrow(message);
  });
});

describe('combineHealth and decideRoute', () => {
  const endpoints = parseEndpoints(list([tokyo, osaka]), rules);
  const probeOk = (id: string, latencyMs: number) => ({
    id,
    latencyMs,
    checks: [pass('s3ap.list', 'ok'), pass('s3ap.read', 'ok'), pass('s3ap.latency', `${latencyMs} ms`)],
  });
  const ontapOk = {
    available: true,
    endpoints: endpoints.map((e) => ({ id: e.id, checks: [pass('volume.state', 'online')] })),
  };

  it('is healthy only when no check failed and the read went through', () => {
    const health = combineHealth(
      endpoints,
      {
        available: true,
        endpoints: [
          { id: 'tokyo', checks: [fail('flexcache.origin', 'disconnected', 'OriginDisconnected')] },
          { id: 'osaka', checks: [] },
        ],
      },
      [
        probeOk('tokyo', 3),
        {
          id: 'osaka',
          latencyMs: null,
          checks: [pass('s3ap.list', 'ok'), fail('s3ap.read', 'denied', 'S3ApAccessDeniedError')],
        },
      ],
    );
    expect(health.map((h) => h.healthy)).toEqual([false, false]);
  });

  it('lets the probes decide alone when the management API is unavailable', () => {
    const health = combineHealth(endpoints, { available: false, error: 'OntapUnavailable: 503', endpoints: [] }, [
      probeOk('tokyo', 3),
      probeOk('osaka', 4),
    ]);
    expect(health.map((h) => h.healthy)).toEqual([true, true]);
    expect(health[0]?.checks[0]).toMatchObject({ name: 'ontap', status: 'unknown' });
  });

  it('keeps a healthy active route, even when another endpoint would rank higher (no automatic fail-back)', () => {
    const health = combineHealth(endpoints, ontapOk, [probeOk('tokyo', 3), probeOk('osaka', 4)]);
    const decision = decideRoute({
      endpoints: endpoints.map((e) =>
        toRouteEndpoint(
          e,
          health.find((h) => h.id === e.id),
        ),
      ),
      health,
      active: { endpointId: 'osaka', accessPoint: osaka.accessPoint, version: 4, changedAt: '2026-01-01T00:00:00Z' },
      strategy: 'failover-priority',
      region: 'ap-northeast-1',
      seed: 1,
    });
    expect(decision).toEqual({ action: 'keep', endpointId: 'osaka', version: 4 });
  });

  it('moves a failed active route to the next endpoint and carries the failed checks as the why', () => {
    const health = combineHealth(
      endpoints,
      {
        available: true,
        endpoints: [
          { id: 'tokyo', checks: [fail('volume.state', 'volume vol1_tokyo is offline', 'VolumeNotOnline')] },
          { id: 'osaka', checks: [] },
        ],
      },
      [probeOk('tokyo', 3), probeOk('osaka', 4)],
    );
    const decision = decideRoute({
      endpoints: endpoints.map((e) =>
        toRouteEndpoint(
          e,
          health.find((h) => h.id === e.id),
        ),
      ),
      health,
      active: { endpointId: 'tokyo', accessPoint: tokyo.accessPoint, version: 2, changedAt: '2026-01-01T00:00:00Z' },
      strategy: 'latency',
      region: 'ap-northeast-1',
      seed: 7,
    });
    expect(decision).toEqual({
      action: 'change',
      change: {
        from: { endpointId: 'tokyo', accessPoint: tokyo.accessPoint },
        to: { endpointId: 'osaka', accessPoint: osaka.accessPoint },
        expectedVersion: 2,
        reason: 'active endpoint tokyo failed its health checks',
        failedChecks: ['tokyo: volume.state (VolumeNotOnline): volume vol1_tokyo is offline'],
        strategy: 'latency',
        seed: 7,
      },
    });
  });
});

describe('failureOf', () => {
  it('recovers the original error name from a lambda-kit boundary error', () => {
    const cause = JSON.stringify({
      errorType: 'PermanentError',
      errorMessage: 'InvalidInputError: invalid execution input: x',
    });
    expect(failureOf({ Error: 'PermanentError', Cause: cause })).toEqual({
      error: 'InvalidInputError',
      cause: 'invalid execution input: x',
    });
    expect(failureOf({ Error: 'States.Timeout', Cause: 'timed out' })).toEqual({
      error: 'States.Timeout',
      cause: 'timed out',
    });
  });
});

describe('auditCompleteness', () => {
  const event = (version: number) => ({ version }) as Parameters<typeof auditCompleteness>[1][number];
  it('is the share of route versions that have their audit event', () => {
    expect(auditCompleteness(0, [])).toBe(1);
    expect(auditCompleteness(3, [event(1), event(2), event(3)])).toBe(1);
    expect(auditCompleteness(4, [event(1), event(3)])).toBe(0.5);
  });
});
