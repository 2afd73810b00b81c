// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub patterns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNameLengths, parseTemplate, projectStage } from '../src/index';

const options = { packagedStage: 'dev', stages: ['dev', 'production'] };
const fn = (FunctionName: unknown) => ({ Type: 'AWS::Lambda::Function', Properties: { FunctionName } });
const roleName = (RoleName: unknown) => ({ Type: 'AWS::IAM::Role', Properties: { RoleName } });

describe('projectStage', () => {
  it('replaces the stage only where it is a whole token', () => {
    expect(projectStage('svc-dev-device', 'dev', 'production')).toBe('svc-production-device');
    expect(projectStage('dev-svc_dev/dev', 'dev', 'prod')).toBe('prod-svc_prod/prod');
    expect(projectStage('devsvc-devices', 'dev', 'production')).toBe('devsvc-devices');
  });

  it('changes the length by the stage length difference per occurrence (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/).filter((w) => w !== 'dev');
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.constant('dev')), { minLength: 1, maxLength: 8 }), (tokens) => {
        const name = tokens.join('-');
        const occurrences = tokens.filter((t) => t === 'dev').length;
        expect(projectStage(name, 'dev', 'production').length).toBe(name.length + occurrences * 7);
      }),
    );
  });
});

describe('checkNameLengths', () => {
  it('passes a name that fits for every stage', () => {
    // 'fsxn-uc05-dicom-production-processFile' is 38 characters.
    expect(
      checkNameLengths(parseTemplate({ Resources: { F: fn('fsxn-uc05-dicom-dev-processFile') } }), options),
    ).toEqual([]);
  });

  it('fails a function name that fits for dev but not for production', () => {
    // 58 characters with dev; 'production' adds 7, giving 65. One character less gives exactly 64.
    const name58 = `svc-dev-${'f'.repeat(50)}`;
    expect(name58.length).toBe(58);
    const findings = checkNameLengths(parseTemplate({ Resources: { F: fn(name58) } }), options);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('(stage production) is 65 characters');
    const name57 = `svc-dev-${'f'.repeat(49)}`;
    expect(checkNameLengths(parseTemplate({ Resources: { F: fn(name57) } }), options)).toEqual([]);
  });

  it('resolves the role name serverless builds with Fn::Join and the region', () => {
    // serverless: ${service}-${stage}-${region}-lambdaRole. 'x'*30 + '-production-ap-northeast-1-lambdaRole' = 30 + 37 = 67.
    const template = parseTemplate({
      Resources: { R: roleName({ 'Fn::Join': ['-', ['x'.repeat(30), 'dev', { Ref: 'AWS::Region' }, 'lambdaRole']] }) },
    });
    const findings = checkNameLengths(template, options);
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        `AWS::IAM::Role name "${'x'.repeat(30)}-production-ap-northeast-1-lambdaRole" (stage production) is 67 characters, over 64`,
      ],
    ]);
  });

  it('resolves Fn::Sub names and warns when a name cannot be resolved', () => {
    const template = parseTemplate({
      Resources: {
        A: roleName({ 'Fn::Sub': '${AWS::StackName}-role' }),
        B: fn({ 'Fn::GetAtt': ['X', 'Name'] }),
      },
    });
    const findings = checkNameLengths(template, { ...options, refs: { 'AWS::StackName': 'z'.repeat(60) } });
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([
      ['A', 'error'],
      ['B', 'warning'],
    ]);
  });
});
