import { createHandler } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { configureOntapConfig, SERVICE_ID } from '../config';
import { FpolicySetupError } from '../errors';
import { ontapClientOf } from '../ontap-access';
import { configureFpolicy } from '../ontap-setup';

const config = configureOntapConfig();
const ontap = ontapClientOf(config);

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * One-shot, idempotent FPolicy setup on the SVM (deploy time, after a task moved to a new IP, or by hand).
 * `servers` in the input overrides FPOLICY_SERVERS, e.g. the new task IP from an ECS Task State Change.
 */
const input = z.object({
  executionArn: z.string().optional(),
  servers: z.array(z.string().min(1)).min(1).optional(),
});

export const handler = createHandler({ service: SERVICE_ID, schema: input }, async (event, ctx) => {
  const servers = event.servers ?? list(config.FPOLICY_SERVERS);
  if (servers.length === 0) {
    throw new FpolicySetupError('no FPolicy server address: set fpolicyServers (NLB IPs) or start from a task event');
  }
  const protocols = list(config.PROTOCOLS) as ('cifs' | 'nfsv3' | 'nfsv4')[];
  const result = await configureFpolicy(ontap, {
    svmName: config.SVM_NAME,
    engine: {
      name: config.ENGINE_NAME,
      port: config.FPOLICY_PORT,
      primaryServers: servers,
      keepAliveInterval: config.KEEP_ALIVE_INTERVAL,
    },
    eventPrefix: config.EVENT_NAME,
    protocols,
    policy: {
      name: config.POLICY_NAME,
      includeVolumes: list(config.INCLUDE_VOLUMES),
      priority: config.POLICY_PRIORITY,
    },
    ...(config.PERSISTENT_STORE_ENABLED
      ? {
          persistentStore: {
            name: config.PERSISTENT_STORE_NAME,
            volume: config.PERSISTENT_STORE_VOLUME,
            sizeBytes: config.PERSISTENT_STORE_SIZE_BYTES,
          },
        }
      : {}),
  });
  ctx.log.info({ ...result }, 'FPolicy configuration applied');
  return result;
});
