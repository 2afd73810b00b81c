import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  EventPatternError,
  eventBridgeRulesOf,
  LocalStackError,
  matchesEventPattern,
} from '../src/index';

// Examples below follow the cases of AWS's "Creating event patterns", "Arrays in event patterns", "Matching on
// null values and empty strings" and "Comparison operators" pages; expected results are the documented ones.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

describe('matchesEventPattern (documented EventBridge semantics)', () => {
  it('ANDs fields and ORs the values of one field', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated', 'stopped'] },
    };
    expect(matchesEventPattern(pattern, ec2Event)).toBe(true);
    expect(matchesEventPattern(pattern, { ...ec2Event, detail: { state: 'stopped' } })).toBe(true);
    expect(matchesEventPattern(pattern, { ...ec2Event, detail: { state: 'running' } })).toBe(false);
    expect(matchesEventPattern(pattern, { ...ec2Event, source: 'aws.s3' })).toBe(false);
  });

  it('matches an event array when it shares at least one value with the pattern array', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    };
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matchesEventPattern(pattern, event)).toBe(true);
    expect(matchesEventPattern(pattern, { resources: ['arn:aws:s3:::bucket'] })).toBe(false);
    expect(matchesEventPattern(pattern, { resources: [] })).toBe(false);
  });

  it('tells null from the empty string', () => {
    const event = { detail: { eventVersion: '', responseElements: null } };
    expect(matchesEventPattern({ detail: { eventVersion: [''] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { responseElements: [null] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { responseElements: [''] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { eventVersion: [null] } }, event)).toBe(false);
  });

  it('compares numbers and booleans by type and value', () => {
    expect(matchesEventPattern({ detail: { price: [100] } }, { detail: { price: 100 } })).toBe(true);
    expect(matchesEventPattern({ detail: { price: [100] } }, { detail: { price: '100' } })).toBe(false);
    expect(matchesEventPattern({ detail: { ok: [true] } }, { detail: { ok: true } })).toBe(true);
    expect(matchesEventPattern({ detail: { ok: [true] } }, { detail: { ok: 'true' } })).toBe(false);
  });

  it('matches prefix and suffix on strings only', () => {
    expect(matchesEventPattern({ time: [{ prefix: '2017-12-22' }] }, ec2Event)).toBe(true);
    expect(matchesEventPattern({ time: [{ prefix: '2017-10-02' }] }, ec2Event)).toBe(false);
    const file = (name: unknown) => ({ detail: { FileName: name } });
    expect(matchesEventPattern({ detail: { FileName: [{ suffix: '.png' }] } }, file('photo.png'))).toBe(true);
    expect(matchesEventPattern({ detail: { FileName: [{ suffix: '.png' }] } }, file('photo.PNG'))).toBe(false);
    expect(matchesEventPattern({ detail: { n: [{ prefix: '1' }] } }, { detail: { n: 12 } })).toBe(false);
  });

  it('anything-but excludes values, lists, prefixes and suffixes, and needs the field', () => {
    const state = (value: unknown) => ({ detail: { state: value } });
    const single = { detail: { state: [{ 'anything-but': 'initializing' }] } };
    expect(matchesEventPattern(single, state('running'))).toBe(true);
    expect(matchesEventPattern(single, state('initializing'))).toBe(false);
    expect(matchesEventPattern(single, { detail: {} })).toBe(false);
    const list = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(matchesEventPattern(list, state('running'))).toBe(true);
    expect(matchesEventPattern(list, state('overloaded'))).toBe(false);
    const numbers = { detail: { x: [{ 'anything-but': [100, 200] }] } };
    expect(matchesEventPattern(numbers, { detail: { x: 300 } })).toBe(true);
    expect(matchesEventPattern(numbers, { detail: { x: 200 } })).toBe(false);
    const notUs = { region: [{ 'anything-but': { prefix: 'us-' } }] };
    expect(matchesEventPattern(notUs, { region: 'eu-west-1' })).toBe(true);
    expect(matchesEventPattern(notUs, { region: 'us-east-1' })).toBe(false);
    const notPng = { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } };
    expect(matchesEventPattern(notPng, { detail: { FileName: 'a.txt' } })).toBe(true);
    expect(matchesEventPattern(notPng, { detail: { FileName: 'a.png' } })).toBe(false);
  });

  it('exists looks at leaf fields only', () => {
    const event = { detail: { c: 1, nested: { x: 1 }, empty: null } };
    expect(matchesEventPattern({ detail: { c: [{ exists: true }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { d: [{ exists: true }] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { d: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { c: [{ exists: false }] } }, event)).toBe(false);
    // A null value is present; an intermediate node is not a leaf.
    expect(matchesEventPattern({ detail: { empty: [{ exists: true }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { nested: [{ exists: true }] } }, event)).toBe(false);
    expect(matchesEventPattern({ absent: { x: [{ exists: false }] } }, event)).toBe(true);
  });

  it('descends into arrays of objects', () => {
    const pattern = { detail: { items: { name: ['b'] } } };
    expect(matchesEventPattern(pattern, { detail: { items: [{ name: 'a' }, { name: 'b' }] } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { items: [{ name: 'a' }] } })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { items: 'b' } })).toBe(false);
  });

  it('applies the UC5 rule to FPolicy file events', () => {
    const rule = {
      source: ['fsxn.fpolicy'],
      'detail-type': ['FPolicy File Operation'],
      detail: {
        operation: ['create', 'write', 'close', 'rename'],
        path: [{ suffix: '.dcm' }, { suffix: '.DCM' }, { suffix: '.dicom' }],
      },
    };
    const envelope = (operation: string, path: string) => ({
      source: 'fsxn.fpolicy',
      'detail-type': 'FPolicy File Operation',
      detail: { operation, path, volume: 'vol1' },
    });
    expect(matchesEventPattern(rule, envelope('close', 'incoming/a.dcm'))).toBe(true);
    expect(matchesEventPattern(rule, envelope('rename', 'x/b.dicom'))).toBe(true);
    expect(matchesEventPattern(rule, envelope('close', 'incoming/a.txt'))).toBe(false);
    expect(matchesEventPattern(rule, envelope('delete', 'incoming/a.dcm'))).toBe(false);
    expect(matchesEventPattern(rule, { ...envelope('close', 'a.dcm'), source: 'aws.s3' })).toBe(false);
  });

  it('refuses malformed patterns and unsupported operators with a clear error', () => {
    const refused = (pattern: unknown): EventPatternError => {
      try {
        compileEventPattern(pattern);
      } catch (error) {
        if (error instanceof EventPatternError) return error;
        throw error;
      }
      throw new Error(`pattern ${JSON.stringify(pattern)} was accepted`);
    };
    expect(refused({ detail: { n: [{ numeric: ['>', 0] }] } }).message).toMatch(
      /detail\.n\[0\]: operator "numeric" is not supported .*prefix, suffix, anything-but, exists/,
    );
    expect(refused({ ip: [{ cidr: '10.0.0.0/24' }] }).message).toMatch(/"cidr" is not supported/);
    expect(refused({ s: [{ prefix: { 'equals-ignore-case': 'a' } }] }).message).toMatch(/only a plain string/);
    expect(refused({ s: [{ 'anything-but': { wildcard: '*a' } }] }).message).toMatch(/anything-but/);
    expect(refused({ $or: [{ a: ['x'] }, { b: ['y'] }] }).message).toMatch(/\$or/);
    expect(refused({ source: [] }).message).toMatch(/empty array/);
    expect(refused({ source: 'aws.ec2' }).message).toMatch(/must be in an array/);
    expect(refused({ s: [{ prefix: 'a', suffix: 'b' }] }).message).toMatch(/exactly one operator/);
    expect(refused({ s: [{ exists: 'yes' }] }).message).toMatch(/true or false/);
    expect(refused(['x']).message).toMatch(/is an object/);
    expect(new EventPatternError('x')).toBeInstanceOf(LocalStackError);
    expect(new EventPatternError('x').transient).toBe(false);
  });
});

describe('eventBridgeRulesOf', () => {
  const config = (enabled: unknown, extra: Record<string, unknown> = {}) => ({
    config: {
      stepFunctions: {
        stateMachines: {
          pipeline: {
            events: [
              { schedule: { rate: 'rate(1 hour)', enabled: true } },
              {
                eventBridge: {
                  eventBusName: 'fsxn-fpolicy-events',
                  enabled,
                  event: { source: ['fsxn.fpolicy'], detail: { path: [{ suffix: '.dcm' }] } },
                  ...extra,
                },
              },
            ],
          },
        },
      },
    },
  });

  it('returns the eventBridge triggers with their resolved enabled flag', () => {
    const [rule] = eventBridgeRulesOf(config(true), 'pipeline');
    expect(rule).toEqual({
      pattern: { source: ['fsxn.fpolicy'], detail: { path: [{ suffix: '.dcm' }] } },
      enabled: true,
      eventBusName: 'fsxn-fpolicy-events',
    });
    expect(eventBridgeRulesOf(config(false), 'pipeline')[0]?.enabled).toBe(false);
    expect(eventBridgeRulesOf(config(undefined), 'pipeline')[0]?.enabled).toBe(true);
  });

  it('refuses rules the local loop cannot reproduce and unknown state machines', () => {
    expect(() => eventBridgeRulesOf(config(true, { inputPath: '$.detail' }), 'pipeline')).toThrow(/inputPath/);
    expect(() => eventBridgeRulesOf(config(true, { event: { source: [{ numeric: ['>', 1] }] } }), 'pipeline')).toThrow(
      /events\[1\]\.eventBridge\.event: source\[0\]: operator "numeric"/,
    );
    expect(() => eventBridgeRulesOf(config(true), 'other')).toThrow(EventPatternError);
  });
});

// ---- properties -------------------------------------------------------------------------------------------

type Leaf = string | number | boolean | null;
type Op =
  | { kind: 'literal'; value: Leaf }
  | { kind: 'prefix'; text: string }
  | { kind: 'suffix'; text: string }
  | { kind: 'anything-but'; values: string[] }
  | { kind: 'exists'; present: boolean };
type ObjectTree = { kind: 'object'; fields: [string, PatternTree][] };
type PatternTree = ObjectTree | { kind: 'leaf'; ops: Op[] };

const leafArb: fc.Arbitrary<Leaf> = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: leafArb.map((value) => ({ kind: 'literal' as const, value })) },
  fc.string({ minLength: 1 }).map((text) => ({ kind: 'prefix' as const, text })),
  fc.string({ minLength: 1 }).map((text) => ({ kind: 'suffix' as const, text })),
  fc.array(fc.string(), { minLength: 1, maxLength: 3 }).map((values) => ({ kind: 'anything-but' as const, values })),
  fc.boolean().map((present) => ({ kind: 'exists' as const, present })),
);
const fieldName = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const treeArb = fc.letrec<{ tree: PatternTree; leaf: PatternTree; object: PatternTree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('object')),
  leaf: fc.array(opArb, { minLength: 1, maxLength: 3 }).map((ops) => ({ kind: 'leaf' as const, ops })),
  object: fc
    .uniqueArray(fc.tuple(fieldName, tie('tree')), { minLength: 1, maxLength: 3, selector: ([name]) => name })
    .map((fields) => ({ kind: 'object' as const, fields })),
}));
const rootArb = fc
  .uniqueArray(fc.tuple(fieldName, treeArb.tree), { minLength: 1, maxLength: 4, selector: ([name]) => name })
  .map((fields): ObjectTree => ({ kind: 'object', fields }));

const opToPattern = (op: Op): unknown => {
  switch (op.kind) {
    case 'literal':
      return op.value;
    case 'prefix':
      return { prefix: op.text };
    case 'suffix':
      return { suffix: op.text };
    case 'anything-but':
      return { 'anything-but': op.values };
    case 'exists':
      return { exists: op.present };
  }
};

const toPattern = (tree: PatternTree): unknown =>
  tree.kind === 'object'
    ? Object.fromEntries(tree.fields.map(([k, v]) => [k, toPattern(v)]))
    : tree.ops.map(opToPattern);

/** A string that equals none of `values`: longer than each of them. */
const outside = (values: readonly unknown[]): string => `${values.map((v) => String(v)).join('')}~`;
const ABSENT = Symbol('absent');

/** A value satisfying one op (chosen by `pick`), or ABSENT for `exists: false`. */
const satisfy = (op: Op, filler: string): Leaf | typeof ABSENT => {
  switch (op.kind) {
    case 'literal':
      return op.value;
    case 'prefix':
      return op.text + filler;
    case 'suffix':
      return filler + op.text;
    case 'anything-but':
      return outside(op.values);
    case 'exists':
      return op.present ? filler : ABSENT;
  }
};

interface Built {
  event: Record<string, unknown>;
  /** Paths of leaves whose pattern is exact values only, where a value outside the list must break the match. */
  literalLeaves: string[][];
}

const buildEvent = (tree: ObjectTree, choices: () => number, filler: string, path: string[] = []): Built => {
  const event: Record<string, unknown> = {};
  const literalLeaves: string[][] = [];
  for (const [name, child] of tree.fields) {
    if (child.kind === 'object') {
      const nested = buildEvent(child, choices, filler, [...path, name]);
      event[name] = nested.event;
      literalLeaves.push(...nested.literalLeaves);
      continue;
    }
    const op = child.ops[choices() % child.ops.length];
    if (op === undefined) throw new Error('leaf without ops');
    const value = satisfy(op, filler);
    if (value !== ABSENT) event[name] = value;
    if (child.ops.every((o) => o.kind === 'literal')) literalLeaves.push([...path, name]);
  }
  return { event, literalLeaves };
};

const setAt = (event: Record<string, unknown>, path: readonly string[], value: unknown): void => {
  let node: Record<string, unknown> = event;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
};

const getPatternLeaf = (tree: PatternTree, path: readonly string[]): Op[] => {
  let node: PatternTree = tree;
  for (const key of path) {
    if (node.kind !== 'object') throw new Error('path leaves the pattern');
    const next = node.fields.find(([name]) => name === key);
    if (next === undefined) throw new Error('path leaves the pattern');
    node = next[1];
  }
  if (node.kind !== 'leaf') throw new Error('path does not end at a leaf');
  return node.ops;
};

describe('matchesEventPattern properties', () => {
  it('matches an event built to satisfy a generated pattern', () => {
    fc.assert(
      fc.property(rootArb, fc.infiniteStream(fc.nat()), fc.string(), (tree, stream, filler) => {
        const iterator = stream[Symbol.iterator]();
        const choices = () => iterator.next().value ?? 0;
        const { event } = buildEvent(tree, choices, filler);
        expect(matchesEventPattern(toPattern(tree), event)).toBe(true);
      }),
    );
  });

  it('stops matching when an exact-value leaf gets a value outside its list', () => {
    fc.assert(
      fc.property(rootArb, fc.infiniteStream(fc.nat()), fc.string(), fc.nat(), (tree, stream, filler, which) => {
        const iterator = stream[Symbol.iterator]();
        const choices = () => iterator.next().value ?? 0;
        const { event, literalLeaves } = buildEvent(tree, choices, filler);
        fc.pre(literalLeaves.length > 0);
        const path = literalLeaves[which % literalLeaves.length] ?? [];
        const values = getPatternLeaf(tree, path).map((op) => (op.kind === 'literal' ? op.value : undefined));
        setAt(event, path, outside(values));
        expect(matchesEventPattern(toPattern(tree), event)).toBe(false);
      }),
    );
  });
});
