// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub patterns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveString } from '../src/index';

describe('resolveString', () => {
  it('joins literal parts like Array.join (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (delimiter, parts) => {
        expect(resolveString({ 'Fn::Join': [delimiter, parts] }, {})).toEqual({
          ok: true,
          value: parts.join(delimiter),
        });
      }),
    );
  });

  it('substitutes refs and local variables in Fn::Sub and keeps ${!literal} escapes', () => {
    const refs = { 'AWS::Region': 'eu-west-1', Stage: 'dev' };
    expect(resolveString({ 'Fn::Sub': 'a-${Stage}-${AWS::Region}' }, refs)).toEqual({
      ok: true,
      value: 'a-dev-eu-west-1',
    });
    expect(resolveString({ 'Fn::Sub': ['${x}:${!Keep}', { x: { Ref: 'Stage' } }] }, refs)).toEqual({
      ok: true,
      value: 'dev:${Keep}',
    });
  });

  it('reports what it cannot resolve', () => {
    expect(resolveString({ 'Fn::Join': ['-', ['a', { Ref: 'Missing' }]] }, {})).toEqual({
      ok: false,
      reason: 'cannot resolve Ref Missing',
    });
    expect(resolveString({ 'Fn::Sub': '${Other.Arn}' }, {})).toEqual({
      ok: false,
      reason: 'cannot resolve ${Other.Arn}',
    });
    expect(resolveString({ 'Fn::GetAtt': ['A', 'B'] }, {})).toEqual({ ok: false, reason: 'cannot resolve Fn::GetAtt' });
  });
});
