import { describe, expect, it } from 'vitest';
import { fakeContext } from '../src/context';

describe('fakeContext', () => {
  it('lets a test override any field while keeping the rest', () => {
    const ctx = fakeContext({ awsRequestId: 'req-1' });
    expect(ctx.awsRequestId).toBe('req-1');
    expect(ctx.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });
});
