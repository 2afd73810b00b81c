import { describe, expect, it } from 'vitest';
import { LocalStackError } from '../src/errors';
import { type LocalStackInfo, localServiceEnvironment, volumeAccessPointAlias } from '../src/stack';

const stack: LocalStackInfo = {
  service: 'uc03-manufacturing-analytics',
  serviceDir: '/svc',
  dataDir: '/data',
  stage: 'local',
  region: 'us-east-1',
  endpoints: {
    s3: 'http://127.0.0.1:1',
    dynamodb: 'http://127.0.0.1:2',
    sfn: 'http://127.0.0.1:3',
    secretsManager: '',
  },
  accessPoints: {
    input: { name: 'in', alias: 'in-abcdefghij-ext-s3alias', rootDir: '/data' },
    output: { name: 'out', alias: 'out-abcdefghij-ext-s3alias', rootDir: '/out' },
    volumes: [{ name: 'clone-ap', alias: 'clone-ap-abcdefghij-ext-s3alias', volume: 'vol1_clone' }],
  },
  outputPrefix: 'fsxn-output/uc03/',
  tables: {},
  secrets: {},
  logFile: '/data/.fsxn/run.log',
};

describe('localServiceEnvironment', () => {
  it('gives the access point aliases, output prefix, path-style S3 and local inference by default', () => {
    expect(localServiceEnvironment(stack)).toEqual({
      INPUT_ACCESS_POINT: 'in-abcdefghij-ext-s3alias',
      OUTPUT_ACCESS_POINT: 'out-abcdefghij-ext-s3alias',
      OUTPUT_PREFIX: 'fsxn-output/uc03/',
      S3_FORCE_PATH_STYLE: 'true',
      INFERENCE_MODE: 'local',
    });
  });

  it('adds DuckDB over the output volume, with no analytics bucket, when analytics is asked for', () => {
    expect(localServiceEnvironment(stack, { analytics: true })).toMatchObject({
      ANALYTICS_BUCKET: '',
      ANALYTICS_ENGINE: 'duckdb',
      ANALYTICS_LOCAL_ROOT: '/out',
    });
  });

  it('leaves INFERENCE_MODE out for a service without inference', () => {
    expect(localServiceEnvironment(stack, { inference: false })).not.toHaveProperty('INFERENCE_MODE');
  });
});

describe('volumeAccessPointAlias', () => {
  it('finds the alias of a declared volume access point and names a missing one', () => {
    expect(volumeAccessPointAlias(stack, 'clone-ap')).toBe('clone-ap-abcdefghij-ext-s3alias');
    expect(() => volumeAccessPointAlias(stack, 'cache-ap')).toThrow(LocalStackError);
    expect(() => volumeAccessPointAlias(stack, 'cache-ap')).toThrow('the stack did not attach cache-ap');
  });
});
