import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createOntapClient, type OntapClient, secretsManagerCredentials } from '@fsxn/ontap-client';

/** ONTAP management API client: credentials from Secrets Manager (cached), TLS verification always on. */
export const ontapClientOf = (config: {
  readonly ONTAP_ENDPOINT: string;
  readonly ONTAP_SECRET_ARN: string;
  readonly ONTAP_CA_PEM?: string | undefined;
  readonly ONTAP_CLIENT_RETRIES?: number;
}): OntapClient =>
  createOntapClient({
    baseUrl: config.ONTAP_ENDPOINT,
    credentials: secretsManagerCredentials({
      client: new SecretsManagerClient({}),
      secretId: config.ONTAP_SECRET_ARN,
      cacheTtlMs: 300_000,
    }),
    ...(config.ONTAP_CA_PEM === undefined || config.ONTAP_CA_PEM === '' ? {} : { ca: config.ONTAP_CA_PEM }),
    retries: config.ONTAP_CLIENT_RETRIES ?? 3,
  });
