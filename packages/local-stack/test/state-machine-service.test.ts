// biome-ignore-all lint/suspicious/noTemplateCurlyInString: osls and CloudFormation ${} syntax is the subject under test
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  loadServerlessService,
  parseCfnYaml,
  ServiceConfigError,
  scanVariables,
  type VariableContext,
  VariableResolver,
} from '../src/state-machine';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'sample-service');

const ctx = (overrides: Partial<VariableContext> = {}): VariableContext => ({
  stage: 'local',
  region: 'us-east-1',
  accountId: '000000000000',
  options: { stage: 'local', region: 'us-east-1' },
  params: {},
  env: {},
  serviceDir: FIXTURE,
  ...overrides,
});

const resolve = (config: unknown, overrides: Partial<VariableContext> = {}) =>
  new VariableResolver(config, ctx(overrides)).resolveAll() as Record<string, unknown>;

describe('loadServerlessService', () => {
  it('resolves self, sls, opt defaults, params, aws, env fallbacks and file references of the fixture', async () => {
    const service = await loadServerlessService(FIXTURE, { stage: 'local', env: {} });
    expect(service.service).toBe('sample-service');
    expect(service.providerEnvironment).toEqual({
      SERVICE_STAGE: 'local',
      TRIGGER_MODE: 'POLLING',
      ACCOUNT_ID: '000000000000',
      REGION: 'us-east-1',
      GREETING: 'hello from local',
      LABEL: 'no-label',
      INPUT_ACCESS_POINT: 'sample-input',
      OUTPUT_PREFIX: 'fsxn-output/sample-service/',
      REVIEW_TABLE: { Ref: 'ReviewTable' },
    });
    expect(service.functions.processFile).toMatchObject({
      handler: 'src/handlers/process-file.handler',
      name: 'sample-service-local-processFile',
      environment: { MAX_BYTES: 1048576 },
      timeoutSeconds: 30,
    });
    const definition = service.stateMachines.pipeline?.definition as {
      States: Record<string, Record<string, unknown>>;
    };
    expect(definition.States.ProcessFiles?.MaxConcurrency).toBe(2);
    expect(definition.States.Discover?.Resource).toEqual({ 'Fn::GetAtt': ['discover', 'Arn'] });
    expect(definition.States.ReviewGate?.Parameters).toHaveProperty(
      'FunctionName',
      'arn:aws:lambda:us-east-1:000000000000:function:sample-service-local-requestReview',
    );
    // CloudFormation's own ${AWS::StackName} survives variable resolution, and evaluates with local names.
    expect(service.resources.NotificationTopic).toMatchObject({
      Properties: { TopicName: { 'Fn::Sub': '${AWS::StackName}-notifications' } },
    });
    const evaluator = service.intrinsics({ ReviewTable: 'sample-service-local-reviews' });
    expect(evaluator.evaluate(service.providerEnvironment.REVIEW_TABLE)).toBe('sample-service-local-reviews');
    expect(evaluator.evaluate({ Ref: 'NotificationTopic' })).toBe(
      'arn:aws:sns:us-east-1:000000000000:sample-service-local-notifications',
    );
    expect(evaluator.evaluate({ 'Fn::GetAtt': ['report', 'Arn'] })).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:sample-service-local-report',
    );
  });

  it('takes params from the stage block, then from the caller, and env values over fallbacks', async () => {
    const prod = await loadServerlessService(FIXTURE, { stage: 'prod', env: { SAMPLE_SERVICE_LABEL: 'ci' } });
    expect(prod.providerEnvironment).toMatchObject({
      TRIGGER_MODE: 'HYBRID',
      LABEL: 'ci',
      GREETING: 'hello from prod',
    });
    const given = await loadServerlessService(FIXTURE, {
      stage: 'other',
      params: { triggerMode: 'EVENT_DRIVEN' },
      env: {},
    });
    // No `other` key in settings.yml's greeting: the quoted fallback applies.
    expect(given.providerEnvironment).toMatchObject({ TRIGGER_MODE: 'EVENT_DRIVEN', GREETING: 'hello' });
  });

  it('explains which variable cannot be resolved and where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sls-'));
    await writeFile(join(dir, 'serverless.yml'), 'service: x\nprovider:\n  environment:\n    A: ${ssm:/a/b}\n');
    await expect(loadServerlessService(dir, { env: {} })).rejects.toThrow(
      /\$\{ssm:\/a\/b\} at self:\.provider\.environment\.A \(this source needs AWS/,
    );
  });
});

describe('VariableResolver', () => {
  it('resolves nested variables inside an address', () => {
    const out = resolve({
      custom: { profiles: { poc: { days: 14 } }, profile: '${self:custom.profiles.${param:p}}' },
      params: { default: { p: 'poc' } },
      days: '${self:custom.profile.days}',
    });
    expect(out.days).toBe(14);
  });

  it('keeps the type of a whole-string variable and stringifies embedded ones', () => {
    const out = resolve({ n: 3, whole: '${self:n}', embedded: 'x-${self:n}-y', obj: { a: 1 }, o: '${self:obj}' });
    expect(out.whole).toBe(3);
    expect(out.embedded).toBe('x-3-y');
    expect(out.o).toEqual({ a: 1 });
    expect(() => resolve({ obj: { a: 1 }, bad: 'x${self:obj}' })).toThrow(ServiceConfigError);
  });

  it('detects circular references instead of overflowing the stack', () => {
    expect(() => resolve({ a: '${self:b}', b: '${self:a}' })).toThrow(/Circular/);
  });

  it('falls back through a chain of sources', () => {
    const out = resolve({ v: '${env:NOPE, opt:missing, self:d, "last"}', d: 'from-self' });
    expect(out.v).toBe('from-self');
  });

  it('returns any quoted fallback literal unchanged when the source is empty (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 _./:-]{0,30}$/), (literal) => {
        expect(resolve({ v: `\${env:UNSET_VAR, '${literal}'}` }).v).toBe(literal);
      }),
    );
  });

  it('substitutes env values anywhere in a string (property, checked against plain concatenation)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z ]{0,10}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/),
        fc.stringMatching(/^[a-z ]{0,10}$/),
        (before, value, after) => {
          const out = resolve({ v: `${before}\${env:X}${after}` }, { env: { X: value } });
          expect(out.v).toBe(before + value + after);
        },
      ),
    );
  });

  it('leaves text without variables and CloudFormation ${} references untouched (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cfn = `${text.replaceAll('$', '')}\${AWS::Region}\${Bucket.Arn}`;
        expect(scanVariables(cfn)).toEqual([]);
        expect(resolve({ v: cfn }).v).toBe(cfn);
      }),
    );
  });
});

describe('parseCfnYaml', () => {
  it('turns CloudFormation short tags into their long form', () => {
    const parsed = parseCfnYaml(
      [
        'a: !Ref X',
        'b: !GetAtt A.Arn',
        'c: !GetAtt [A, Arn]',
        "d: !Sub ['x${A}', {A: !Ref B}]",
        'e: !If [C, !Ref A, !Ref AWS::NoValue]',
        "f: !Join ['', [a, !Ref B]]",
        'g: !Not [!Equals [a, b]]',
        'h: !Select [0, !GetAZs ""]',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['A', 'Arn'] },
      c: { 'Fn::GetAtt': ['A', 'Arn'] },
      d: { 'Fn::Sub': ['x${A}', { A: { Ref: 'B' } }] },
      e: { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
      f: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      g: { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] },
      h: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
    });
  });
});
