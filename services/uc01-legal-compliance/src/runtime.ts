import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createOntapClient, type OntapClient, secretsManagerCredentials } from '@fsxn/ontap-client';
import type { OntapConfig } from './config';

/** The ONTAP REST client: credentials from Secrets Manager (cached), TLS verification always on. */
export const ontapClientOf = (config: OntapConfig): OntapClient =>
  createOntapClient({
    baseUrl: config.ONTAP_ENDPOINT,
    credentials: secretsManagerCredentials({ client: new SecretsManagerClient({}), secretId: config.ONTAP_SECRET_ARN }),
    ...(config.ONTAP_CA_PEM ? { ca: config.ONTAP_CA_PEM } : {}),
    retries: config.ONTAP_RETRIES,
    timeoutMs: config.ONTAP_TIMEOUT_MS,
  });
