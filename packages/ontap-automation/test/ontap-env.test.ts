import { ConfigError, loadConfig } from '@fsxn/lambda-kit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ontapEnv } from '../src/ontap-env';

const schema = z.object(ontapEnv({ timeoutMs: 10_000, retries: 2, jobTimeoutMs: 120_000 }));
const required = { ONTAP_ENDPOINT: 'https://10.0.0.5', ONTAP_SECRET_ARN: 'arn:aws:secretsmanager:x' };

describe('ontapEnv', () => {
  it("fills the service's defaults when only the endpoint and secret are set", () => {
    expect(loadConfig(schema, required)).toEqual({
      ...required,
      ONTAP_CA_PEM: '',
      ONTAP_TIMEOUT_MS: 10_000,
      ONTAP_RETRIES: 2,
      JOB_POLL_MS: 1000,
      JOB_TIMEOUT_MS: 120_000,
    });
  });

  it('accepts plain http only for the local simulator on 127.0.0.1', () => {
    expect(loadConfig(schema, { ...required, ONTAP_ENDPOINT: 'http://127.0.0.1:8443' }).ONTAP_ENDPOINT).toBe(
      'http://127.0.0.1:8443',
    );
    expect(() => loadConfig(schema, { ...required, ONTAP_ENDPOINT: 'http://10.0.0.5' })).toThrow(ConfigError);
  });

  it('refuses settings outside their bounds', () => {
    expect(() => loadConfig(schema, { ...required, ONTAP_RETRIES: '11' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { ...required, ONTAP_TIMEOUT_MS: '999' })).toThrow(ConfigError);
  });
});
