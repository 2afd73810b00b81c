import { describe, expect, it } from 'vitest';
import {
  assertSupported,
  S3ApAccessDeniedError,
  S3ApError,
  S3ApLimitError,
  S3ApNotFoundError,
  S3ApUnsupportedOperationError,
  toS3ApError,
  UNSUPPORTED_OPERATIONS,
} from '../src/index';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

describe('toS3ApError', () => {
  it('maps S3 answers to named errors with the transient flag set only for retryable faults', () => {
    const cases: Array<[unknown, new (...args: never[]) => S3ApError, boolean]> = [
      [sdkError('NoSuchKey', 404), S3ApNotFoundError, false],
      [sdkError('AccessDenied', 403), S3ApAccessDeniedError, false],
      [sdkError('NotImplemented', 501), S3ApUnsupportedOperationError, false],
      [sdkError('EntityTooLarge', 400), S3ApLimitError, false],
      [sdkError('SlowDown', 503), S3ApError, true],
      [sdkError('InternalError', 500), S3ApError, true],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), S3ApError, true],
      [sdkError('InvalidArgument', 400), S3ApError, false],
    ];
    for (const [raw, type, transient] of cases) {
      const mapped = toS3ApError(raw, { operation: 'GetObject', bucket: 'b', key: 'k' });
      expect(mapped).toBeInstanceOf(type);
      expect(mapped.transient).toBe(transient);
      expect(mapped.cause).toBe(raw);
      expect(mapped.message).toContain('GetObject on b/k');
    }
  });

  it('explains both authorization layers on AccessDenied', () => {
    const mapped = toS3ApError(sdkError('AccessDenied', 403), { operation: 'PutObject' });
    expect(mapped.name).toBe('S3ApAccessDeniedError');
    expect(mapped.message).toMatch(/access point policy/);
    expect(mapped.message).toMatch(/file-system identity/);
  });
});

describe('assertSupported', () => {
  it('refuses every operation FSx S3 access points lack with a named error', () => {
    for (const operation of UNSUPPORTED_OPERATIONS) {
      expect(() => assertSupported(operation)).toThrow(S3ApUnsupportedOperationError);
    }
    expect(() => assertSupported('GetObject')).not.toThrow();
    expect(() => assertSupported('UploadPart')).not.toThrow();
  });
});
