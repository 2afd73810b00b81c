import { envBoolean, envEnum, envInt, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

export const SERVICE_ID = 'fpolicy-ingestion';
export const TEMPLATE_VERSION = '1.0.0';

export const bridgeConfig = () => loadConfig(z.object({ EVENT_BUS_NAME: z.string().min(1) }));

const ontapAccess = {
  ONTAP_ENDPOINT: z.url(),
  ONTAP_SECRET_ARN: z.string().min(1),
  /** PEM of the CA that signed the management endpoint's certificate; TLS verification is always on. */
  ONTAP_CA_PEM: z.string().optional(),
  ONTAP_CLIENT_RETRIES: envInt({ min: 0, max: 10 }).default(3),
};

export const configureOntapConfig = () =>
  loadConfig(
    z.object({
      ...ontapAccess,
      SVM_NAME: z.string().min(1),
      ENGINE_NAME: z.string().min(1),
      EVENT_NAME: z.string().min(1),
      POLICY_NAME: z.string().min(1),
      FPOLICY_PORT: envInt({ min: 1, max: 65535 }),
      /** Comma-separated IPs ONTAP connects to (the task's IP, or the NLB's static IPs). */
      FPOLICY_SERVERS: z.string().default(''),
      PROTOCOLS: z.string().default('cifs,nfsv3,nfsv4'),
      INCLUDE_VOLUMES: z.string().default(''),
      KEEP_ALIVE_INTERVAL: z.string().default('PT2M'),
      POLICY_PRIORITY: envInt({ min: 1, max: 10 }).default(1),
      PERSISTENT_STORE_ENABLED: envBoolean().default(false),
      PERSISTENT_STORE_NAME: z.string().default('fsxn_fpolicy_ps'),
      PERSISTENT_STORE_VOLUME: z.string().default('fsxn_fpolicy_ps'),
      PERSISTENT_STORE_SIZE_BYTES: envInt({ min: 1 }).default(1024 * 1024 * 1024),
    }),
  );

/** The container (src/main.ts): what `fsxn fpolicy serve` takes as flags, from the environment. */
export const serverConfig = () =>
  loadConfig(
    z.object({
      FPOLICY_PORT: envInt({ min: 1, max: 65535 }).default(9898),
      HEALTH_PORT: envInt({ min: 1, max: 65535 }).default(8080),
      LISTEN_HOST: z.string().default('0.0.0.0'),
      SINK: envEnum(['sqs', 'jsonl']).default('sqs'),
      QUEUE_URL: z.string().optional(),
      JSONL_FILE: z.string().optional(),
      SVM_NAME: z.string().min(1),
      ENGINE_TYPE: envEnum(['asynchronous', 'synchronous']).default('asynchronous'),
      SCREEN_VERDICT: envInt({ min: 0 }).optional(),
      MAX_QUEUED_EVENTS: envInt({ min: 1 }).default(10_000),
      BATCH_SIZE: envInt({ min: 1 }).default(100),
      KEEP_ALIVE_TIMEOUT_SECONDS: envInt({ min: 1 }).default(360),
      DEDUP_WINDOW_SIZE: envInt({ min: 1 }).default(1_000_000),
      DEDUP_TTL_SECONDS: envInt({ min: 1 }).default(900),
      RESOLVE_VOLUMES: envBoolean().default(true),
      ONTAP_ENDPOINT: z.url().optional(),
      ONTAP_SECRET_ARN: z.string().optional(),
      ONTAP_CA_PEM: z.string().optional(),
    }),
  );
