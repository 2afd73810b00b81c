import { describe, expect, it } from 'vitest';
import {
  ExecutionFailedError,
  HandlerResolutionError,
  IntrinsicError,
  LocalStackError,
  OntapRestError,
  OntapSimulatorError,
  S3ApEmulatorError,
  ServiceConfigError,
  TaskFailure,
  TaskTokenApiError,
  UnsupportedStateError,
} from '../src';
import { unescapeXml } from '../src/s3ap-emulator/xml';

describe('the package error base', () => {
  it('chains the cause and defaults transient to false', () => {
    const cause = new Error('disk full');
    const error = new LocalStackError('could not start', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('LocalStackError');
    expect(error.cause).toBe(cause);
    expect(error.transient).toBe(false);
    expect(new LocalStackError('port in use', { transient: true }).transient).toBe(true);
  });

  it('is the base of every error class of the package, each keeping its own name', () => {
    const errors: Array<[LocalStackError, string]> = [
      [new ServiceConfigError('x'), 'ServiceConfigError'],
      [new UnsupportedStateError('S', 'x'), 'UnsupportedStateError'],
      [new HandlerResolutionError('x'), 'HandlerResolutionError'],
      [new ExecutionFailedError('E', 'c'), 'ExecutionFailedError'],
      [new IntrinsicError('x'), 'IntrinsicError'],
      [new TaskFailure('States.Timeout', 'x'), 'States.Timeout'],
      [new TaskTokenApiError('InvalidToken', 'x'), 'InvalidToken'],
      [new S3ApEmulatorError('NoSuchKey', 'x'), 'S3ApEmulatorError'],
      [new OntapSimulatorError('x'), 'OntapSimulatorError'],
      [new OntapRestError(404, '4', 'x'), 'OntapRestError'],
    ];
    for (const [error, name] of errors) {
      expect(error).toBeInstanceOf(LocalStackError);
      expect(error.name).toBe(name);
      expect(typeof error.transient).toBe('boolean');
    }
  });

  it('marks S3 errors transient exactly when S3 answers them with a 5xx status', () => {
    expect(new S3ApEmulatorError('SlowDown', 'x').transient).toBe(true);
    expect(new S3ApEmulatorError('InternalError', 'x').transient).toBe(true);
    expect(new S3ApEmulatorError('NoSuchKey', 'x').transient).toBe(false);
    const cause = new Error('EACCES');
    expect(new S3ApEmulatorError('AccessDenied', 'x', {}, { cause }).cause).toBe(cause);
  });

  it('answers an unknown XML entity in a request body as MalformedXML (400), not as an internal error', () => {
    expect(() => unescapeXml('a &nbsp; b')).toThrow(expect.objectContaining({ code: 'MalformedXML', status: 400 }));
    expect(unescapeXml('&lt;&#65;&#x42;&amp;')).toBe('<AB&');
  });
});
