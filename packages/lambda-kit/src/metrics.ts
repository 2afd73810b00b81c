import type { EnvSource } from './config';
import { FsxnError } from './errors';

/** The units CloudWatch accepts in an EMF document. */
export const METRIC_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export const DEFAULT_NAMESPACE = 'FSxN-S3AP-Patterns';

/** What handlers see: record values now, emit them all at the end of the invocation. */
export interface MetricsSink {
  addMetric(name: string, unit: MetricUnit, value: number): void;
  /** A dimension for the metrics of this flush, in addition to `service` and `function`. */
  addDimension(name: string, value: string): void;
  /** Writes the recorded metrics as EMF lines and forgets them. Writes nothing when none were recorded. */
  flush(): void;
}

/** A metric or dimension that CloudWatch would reject; a programming error, so not transient. */
export class MetricError extends FsxnError {
  override readonly name = 'MetricError';
}

export interface CreateMetricsOptions {
  service: string;
  functionName?: string;
  namespace?: string;
  /** Receives each EMF document as one JSON line; stdout (read by CloudWatch Logs) by default. */
  write?: (line: string) => void;
  /** `FSXN_METRICS=off` turns output off (local CLI runs); names are still checked. */
  env?: EnvSource;
  now?: () => number;
}

// CloudWatch limits for one EMF document.
const MAX_METRICS_PER_DOCUMENT = 100;
const MAX_VALUES_PER_METRIC = 100;
const MAX_DIMENSIONS = 30;
const METRIC_NAME = /^[A-Za-z0-9_]{1,255}$/;
const DIMENSION_NAME = /^[A-Za-z0-9_.\-#/@]{1,255}$/;
const MAX_DIMENSION_VALUE_LENGTH = 1024;
// The EMF metadata key; a metric or dimension of that name would overwrite it.
const RESERVED_KEY = '_aws';

interface RecordedMetric {
  unit: MetricUnit;
  values: number[];
}

/** An EMF emitter: one JSON document per line, dimensions `service` and `function` on every metric. */
export const createMetrics = (options: CreateMetricsOptions): MetricsSink => {
  const env = options.env ?? process.env;
  const enabled = env.FSXN_METRICS?.trim().toLowerCase() !== 'off';
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const functionName = options.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME;

  const defaultDimensions = new Map<string, string>();
  checkDimension('service', options.service);
  defaultDimensions.set('service', options.service);
  if (functionName) {
    checkDimension('function', functionName);
    defaultDimensions.set('function', functionName);
  }
  let dimensions = new Map(defaultDimensions);
  let metrics = new Map<string, RecordedMetric>();

  return {
    addMetric(name, unit, value) {
      if (!METRIC_NAME.test(name) || name === RESERVED_KEY)
        throw new MetricError(`Metric name must match ${METRIC_NAME}: ${name}`);
      if (!(METRIC_UNITS as readonly string[]).includes(unit)) throw new MetricError(`Unknown metric unit: ${unit}`);
      if (!Number.isFinite(value)) throw new MetricError(`Metric ${name} needs a finite value`);
      if (dimensions.has(name)) throw new MetricError(`Metric ${name} has the name of a dimension`);
      const existing = metrics.get(name);
      if (existing && existing.unit !== unit) {
        throw new MetricError(`Metric ${name} was recorded in ${existing.unit}, not ${unit}`);
      }
      if (existing) existing.values.push(value);
      else metrics.set(name, { unit, values: [value] });
    },
    addDimension(name, value) {
      checkDimension(name, value);
      if (metrics.has(name)) throw new MetricError(`Dimension ${name} has the name of a metric`);
      if (!dimensions.has(name) && dimensions.size >= MAX_DIMENSIONS) {
        throw new MetricError(`At most ${MAX_DIMENSIONS} dimensions per metric`);
      }
      dimensions.set(name, value);
    },
    flush() {
      const documents = toEmfDocuments(namespace, dimensions, metrics, now());
      metrics = new Map();
      dimensions = new Map(defaultDimensions);
      if (enabled) for (const document of documents) write(JSON.stringify(document));
    },
  };
};

/** A sink that records nothing, for code paths that take a sink but run without metrics. */
export const noopMetrics = (): MetricsSink => ({
  addMetric: () => undefined,
  addDimension: () => undefined,
  flush: () => undefined,
});

function checkDimension(name: string, value: string): void {
  if (!DIMENSION_NAME.test(name) || name === RESERVED_KEY)
    throw new MetricError(`Dimension name must match ${DIMENSION_NAME}: ${name}`);
  if (value.length === 0 || value.length > MAX_DIMENSION_VALUE_LENGTH) {
    throw new MetricError(`Dimension ${name} needs a value of 1 to ${MAX_DIMENSION_VALUE_LENGTH} characters`);
  }
}

type EmfDocument = Record<string, unknown> & {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: MetricUnit }[] }[];
  };
};

/**
 * Splits the recorded metrics into documents within CloudWatch's limits: at most 100 metrics per
 * document and 100 values per metric; a metric with more values continues in the next document.
 */
const toEmfDocuments = (
  namespace: string,
  dimensions: ReadonlyMap<string, string>,
  metrics: ReadonlyMap<string, RecordedMetric>,
  timestamp: number,
): EmfDocument[] => {
  const documents: EmfDocument[] = [];
  const entries = [...metrics.entries()];
  for (let offset = 0; entries.some(([, m]) => m.values.length > offset); offset += MAX_VALUES_PER_METRIC) {
    const round = entries
      .filter(([, m]) => m.values.length > offset)
      .map(([name, m]) => ({ name, unit: m.unit, values: m.values.slice(offset, offset + MAX_VALUES_PER_METRIC) }));
    for (let start = 0; start < round.length; start += MAX_METRICS_PER_DOCUMENT) {
      const batch = round.slice(start, start + MAX_METRICS_PER_DOCUMENT);
      const document: EmfDocument = {
        _aws: {
          Timestamp: timestamp,
          CloudWatchMetrics: [
            {
              Namespace: namespace,
              Dimensions: [[...dimensions.keys()]],
              Metrics: batch.map(({ name, unit }) => ({ Name: name, Unit: unit })),
            },
          ],
        },
        ...Object.fromEntries(dimensions),
      };
      for (const { name, values } of batch) document[name] = values.length === 1 ? values[0] : values;
      documents.push(document);
    }
  }
  return documents;
};
