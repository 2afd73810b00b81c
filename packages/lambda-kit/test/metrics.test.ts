import { describe, expect, it } from 'vitest';
import { createMetrics, DEFAULT_NAMESPACE, METRIC_UNITS, MetricError } from '../src/metrics';

interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [member: string]: unknown;
}

const capture = (env: Record<string, string> = {}) => {
  const lines: string[] = [];
  const sink = createMetrics({
    service: 'uc05-dicom',
    functionName: 'uc05-dev-process',
    write: (line) => void lines.push(line),
    env,
    now: () => 1_780_000_000_123,
  });
  return { sink, lines, documents: () => lines.map((line) => JSON.parse(line) as EmfDocument) };
};

/**
 * The EMF specification's rules, checked independently of the emitter: every metric and dimension named
 * in the metadata is a member of the root object of the right type, and limits are respected.
 */
const expectValidEmf = (doc: EmfDocument) => {
  expect(Number.isInteger(doc._aws.Timestamp)).toBe(true);
  expect(doc._aws.CloudWatchMetrics.length).toBeGreaterThan(0);
  for (const directive of doc._aws.CloudWatchMetrics) {
    expect(typeof directive.Namespace).toBe('string');
    expect(directive.Metrics.length).toBeLessThanOrEqual(100);
    for (const set of directive.Dimensions) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const dimension of set) expect(typeof doc[dimension]).toBe('string');
    }
    for (const metric of directive.Metrics) {
      expect(metric.Name).toMatch(/^[A-Za-z0-9_]+$/);
      expect(METRIC_UNITS as readonly string[]).toContain(metric.Unit);
      const value = doc[metric.Name];
      const values = Array.isArray(value) ? value : [value];
      expect(values.length).toBeLessThanOrEqual(100);
      for (const v of values) expect(typeof v).toBe('number');
    }
  }
};

describe('createMetrics', () => {
  it('emits one valid EMF line with namespace, service and function dimensions', () => {
    const { sink, lines, documents } = capture();
    sink.addMetric('FilesProcessed', 'Count', 3);
    sink.addMetric('BytesRead', 'Bytes', 1024);
    sink.flush();
    expect(lines).toHaveLength(1);
    const [doc] = documents();
    if (!doc) throw new Error('no document');
    expectValidEmf(doc);
    expect(doc).toEqual({
      _aws: {
        Timestamp: 1_780_000_000_123,
        CloudWatchMetrics: [
          {
            Namespace: 'FSxN-S3AP-Patterns',
            Dimensions: [['service', 'function']],
            Metrics: [
              { Name: 'FilesProcessed', Unit: 'Count' },
              { Name: 'BytesRead', Unit: 'Bytes' },
            ],
          },
        ],
      },
      service: 'uc05-dicom',
      function: 'uc05-dev-process',
      FilesProcessed: 3,
      BytesRead: 1024,
    });
    expect(DEFAULT_NAMESPACE).toBe('FSxN-S3AP-Patterns');
  });

  it('collects repeated values of a metric into an array', () => {
    const { sink, documents } = capture();
    sink.addMetric('LatencyMs', 'Milliseconds', 12);
    sink.addMetric('LatencyMs', 'Milliseconds', 30);
    sink.flush();
    expect(documents()[0]?.LatencyMs).toEqual([12, 30]);
  });

  it('adds extra dimensions to the flushed set and forgets them afterwards', () => {
    const { sink, documents } = capture();
    sink.addDimension('useCase', 'uc05');
    sink.addMetric('Files', 'Count', 1);
    sink.flush();
    sink.addMetric('Files', 'Count', 2);
    sink.flush();
    const [first, second] = documents();
    expect(first?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'function', 'useCase']]);
    expect(first?.useCase).toBe('uc05');
    expect(second?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'function']]);
    expect(second?.useCase).toBeUndefined();
  });

  it('writes nothing when nothing was recorded and forgets metrics after a flush', () => {
    const { sink, lines } = capture();
    sink.flush();
    sink.addMetric('Once', 'Count', 1);
    sink.flush();
    sink.flush();
    expect(lines).toHaveLength(1);
  });

  it('splits more than 100 metrics and more than 100 values into several valid documents', () => {
    const { sink, documents } = capture();
    for (let i = 0; i < 150; i++) sink.addMetric(`M${i}`, 'Count', i);
    for (let i = 0; i < 250; i++) sink.addMetric('Many', 'Count', i);
    sink.flush();
    const docs = documents();
    for (const doc of docs) expectValidEmf(doc);
    const names = docs.flatMap((d) => d._aws.CloudWatchMetrics.flatMap((c) => c.Metrics.map((m) => m.Name)));
    expect(names.filter((n) => n === 'Many')).toHaveLength(3);
    expect(new Set(names).size).toBe(151);
    const many = docs.flatMap((d) => (d.Many === undefined ? [] : (d.Many as number[])));
    expect(many).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it.each(['with space', 'dash-name', 'ünïcode', '', '_aws', 'x'.repeat(256)])('rejects metric name %j', (name) => {
    const { sink } = capture();
    expect(() => sink.addMetric(name, 'Count', 1)).toThrow(MetricError);
  });

  it('rejects non-finite values, unknown units and a unit change', () => {
    const { sink } = capture();
    expect(() => sink.addMetric('A', 'Count', Number.NaN)).toThrow(MetricError);
    expect(() => sink.addMetric('A', 'Count', Number.POSITIVE_INFINITY)).toThrow(MetricError);
    expect(() => sink.addMetric('A', 'Parsecs' as 'Count', 1)).toThrow(MetricError);
    sink.addMetric('A', 'Count', 1);
    expect(() => sink.addMetric('A', 'Seconds', 1)).toThrow(MetricError);
  });

  it('rejects a metric named like a dimension and more than 30 dimensions', () => {
    const { sink } = capture();
    expect(() => sink.addMetric('service', 'Count', 1)).toThrow(MetricError);
    for (let i = 0; i < 28; i++) sink.addDimension(`d${i}`, 'v');
    expect(() => sink.addDimension('oneTooMany', 'v')).toThrow(MetricError);
    expect(() => sink.addDimension('empty', '')).toThrow(MetricError);
  });

  it('writes nothing with FSXN_METRICS=off but still checks names', () => {
    const { sink, lines } = capture({ FSXN_METRICS: 'off' });
    sink.addMetric('Files', 'Count', 1);
    sink.flush();
    expect(lines).toHaveLength(0);
    expect(() => sink.addMetric('bad name', 'Count', 1)).toThrow(MetricError);
  });
});
