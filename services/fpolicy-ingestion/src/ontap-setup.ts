import { cluster, fpolicy, type OntapClient, OntapNotFoundError, svms } from '@fsxn/ontap-client';
import { z } from 'zod';
import { FpolicySetupError } from './errors';

type Protocol = 'cifs' | 'nfsv3' | 'nfsv4';
type Operation = 'create' | 'write' | 'close' | 'rename' | 'delete';

/** ONTAP's supported operation tables: NFSv3 has no open/close, so `close` is never asked of it. */
const OPERATIONS_BY_PROTOCOL: Record<Protocol, readonly Operation[]> = {
  cifs: ['create', 'write', 'close', 'rename', 'delete'],
  nfsv3: ['create', 'write', 'rename', 'delete'],
  nfsv4: ['create', 'write', 'close', 'rename', 'delete'],
};

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/, 'an ONTAP object name');

export const fpolicySetupSpecSchema = z.strictObject({
  svmName: z.string().min(1),
  engine: z.strictObject({
    name,
    port: z.number().int().min(1).max(65535),
    primaryServers: z.array(z.string().min(1)).min(1),
    secondaryServers: z.array(z.string().min(1)).default([]),
    /** ISO-8601, 10 s – 600 s on ONTAP. */
    keepAliveInterval: z
      .string()
      .regex(/^PT\d+[SM]$/)
      .default('PT2M'),
    maxServerRequests: z.number().int().min(1).max(10_000).optional(),
  }),
  /** One FPolicy event per protocol, named `<eventPrefix>_<protocol>`. */
  eventPrefix: name,
  protocols: z
    .array(z.enum(['cifs', 'nfsv3', 'nfsv4']))
    .min(1)
    .default(['cifs', 'nfsv3', 'nfsv4']),
  operations: z
    .array(z.enum(['create', 'write', 'close', 'rename', 'delete']))
    .min(1)
    .default(['create', 'write', 'close', 'rename', 'delete']),
  policy: z.strictObject({
    name,
    includeVolumes: z.array(z.string().min(1)).default([]),
    priority: z.number().int().min(1).max(10).default(1),
  }),
  /** ONTAP ≥ 9.14.1, asynchronous non-mandatory policies only; one store per SVM. */
  persistentStore: z
    .strictObject({
      name,
      volume: name,
      sizeBytes: z.number().int().positive(),
      autosizeMode: z.enum(['off', 'grow', 'grow_shrink']).default('off'),
    })
    .optional(),
});

export type FpolicySetupSpec = z.input<typeof fpolicySetupSpecSchema>;
type Spec = z.output<typeof fpolicySetupSpecSchema>;

export type SetupAction = 'created' | 'updated' | 'unchanged';

export interface FpolicySetupResult {
  readonly svmUuid: string;
  readonly ontapVersion: string;
  readonly engine: SetupAction;
  readonly events: Readonly<Record<string, SetupAction>>;
  readonly policy: SetupAction;
  readonly persistentStore: SetupAction | 'not-requested' | 'unsupported';
  /** True when the policy had to be disabled to change something and was enabled again. */
  readonly reEnabled: boolean;
  readonly enabled: boolean;
}

const sameSet = (a: readonly unknown[] | undefined, b: readonly unknown[]): boolean =>
  a !== undefined && a.length === b.length && b.every((v) => a.includes(v));

const getOrUndefined = async <T>(load: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await load();
  } catch (error) {
    if (error instanceof OntapNotFoundError) return undefined;
    throw error;
  }
};

/**
 * Brings the SVM's FPolicy configuration to the spec: an asynchronous XML engine pointing at the server, one event
 * per protocol (create/write/close/rename/delete where ONTAP supports them), a non-mandatory policy scoped to the
 * volumes, a persistent store when requested and ONTAP ≥ 9.14.1, enabled with the priority. Idempotent: only what
 * differs is written, and an enabled policy is disabled first (ONTAP refuses to modify it or its engine while it
 * is enabled) and enabled again afterwards.
 */
export const configureFpolicy = async (client: OntapClient, input: FpolicySetupSpec): Promise<FpolicySetupResult> => {
  const parsed = fpolicySetupSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FpolicySetupError(`invalid setup spec: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const spec: Spec = parsed.data;
  const version = await cluster.getVersion(client);
  const svm = await svms.getByName(client, spec.svmName);
  const svmUuid = svm.uuid;
  const eventNames = spec.protocols.map((p) => `${spec.eventPrefix}_${p}`);

  // Desired objects.
  const engineBody = {
    port: spec.engine.port,
    primary_servers: spec.engine.primaryServers,
    secondary_servers: spec.engine.secondaryServers,
    type: 'asynchronous' as const,
    format: 'xml' as const,
    keep_alive_interval: spec.engine.keepAliveInterval,
    ...(spec.engine.maxServerRequests === undefined ? {} : { max_server_requests: spec.engine.maxServerRequests }),
  };
  const eventBody = (protocol: Protocol) => ({
    protocol,
    file_operations: Object.fromEntries(
      spec.operations.filter((op) => OPERATIONS_BY_PROTOCOL[protocol].includes(op)).map((op) => [op, true]),
    ),
  });
  const storesSupported = fpolicy.persistentStores.isSupported(version);
  // 9.14.1 knows a store's name and volume only; size and autosize mode came with 9.15.1.
  const storeSizing = fpolicy.persistentStores.supportsSizing(version);
  const wantStore = spec.persistentStore !== undefined && storesSupported;

  // Current objects.
  const engine = await getOrUndefined(() => fpolicy.getEngine(client, svmUuid, spec.engine.name));
  const events = await Promise.all(eventNames.map((n) => getOrUndefined(() => fpolicy.getEvent(client, svmUuid, n))));
  const readPolicy = () =>
    getOrUndefined(() =>
      fpolicy.getPolicy(client, svmUuid, spec.policy.name, { withPersistentStore: storesSupported }),
    );
  const policy = await readPolicy();
  const storeSpec = wantStore ? spec.persistentStore : undefined;
  const store =
    storeSpec === undefined
      ? undefined
      : await getOrUndefined(() =>
          fpolicy.persistentStores.get(client, svmUuid, storeSpec.name, { withSizing: storeSizing }),
        );

  const engineDiffers =
    engine !== undefined &&
    (engine.port !== engineBody.port ||
      !sameSet(engine.primary_servers, engineBody.primary_servers) ||
      !sameSet(engine.secondary_servers ?? [], engineBody.secondary_servers) ||
      engine.type !== 'asynchronous' ||
      (engine.format ?? 'xml') !== 'xml' ||
      engine.keep_alive_interval !== engineBody.keep_alive_interval ||
      (engineBody.max_server_requests !== undefined && engine.max_server_requests !== engineBody.max_server_requests));
  const eventDiffers = spec.protocols.map((protocol, i) => {
    const current = events[i];
    if (current === undefined) return false;
    const want = eventBody(protocol).file_operations;
    const have = current.file_operations ?? {};
    const allOps = new Set([...Object.keys(want), ...Object.keys(have)]);
    return (
      current.protocol !== protocol ||
      [...allOps].some((op) => (have[op as Operation] === true) !== (want[op] === true))
    );
  });
  const policyBody = {
    engine: { name: spec.engine.name },
    events: eventNames.map((n) => ({ name: n })),
    mandatory: false,
    scope: { include_volumes: spec.policy.includeVolumes },
    ...(wantStore && spec.persistentStore ? { persistent_store: spec.persistentStore.name } : {}),
  };
  const policyDiffers =
    policy !== undefined &&
    (policy.engine?.name !== spec.engine.name ||
      !sameSet(
        (policy.events ?? []).map((e) => e.name),
        eventNames,
      ) ||
      policy.mandatory !== false ||
      !sameSet(policy.scope?.include_volumes ?? [], spec.policy.includeVolumes) ||
      (wantStore && spec.persistentStore !== undefined && policy.persistent_store !== spec.persistentStore.name));
  const storeDiffers =
    wantStore &&
    spec.persistentStore !== undefined &&
    store !== undefined &&
    (store.volume !== spec.persistentStore.volume || (storeSizing && store.size !== spec.persistentStore.sizeBytes));

  const wasEnabled = policy?.enabled === true;
  const mustDisable = wasEnabled && (engineDiffers || eventDiffers.some(Boolean) || policyDiffers || storeDiffers);
  if (mustDisable) await fpolicy.disablePolicy(client, svmUuid, spec.policy.name);

  let engineAction: SetupAction = 'unchanged';
  if (engine === undefined) {
    await fpolicy.createEngine(client, svmUuid, { name: spec.engine.name, ...engineBody });
    engineAction = 'created';
  } else if (engineDiffers) {
    await fpolicy.patchEngine(client, svmUuid, spec.engine.name, engineBody);
    engineAction = 'updated';
  }

  const eventActions: Record<string, SetupAction> = {};
  for (const [i, protocol] of spec.protocols.entries()) {
    const eventName = `${spec.eventPrefix}_${protocol}`;
    if (events[i] === undefined) {
      await fpolicy.createEvent(client, svmUuid, { name: eventName, ...eventBody(protocol) });
      eventActions[eventName] = 'created';
    } else if (eventDiffers[i] === true) {
      await fpolicy.patchEvent(client, svmUuid, eventName, eventBody(protocol));
      eventActions[eventName] = 'updated';
    } else {
      eventActions[eventName] = 'unchanged';
    }
  }

  let storeAction: FpolicySetupResult['persistentStore'] =
    spec.persistentStore === undefined ? 'not-requested' : 'unsupported';
  if (wantStore && spec.persistentStore !== undefined) {
    storeAction = await applyStore(client, svmUuid, spec.persistentStore, store, storeDiffers, storeSizing);
  }

  let policyAction: SetupAction = 'unchanged';
  if (policy === undefined) {
    // With a priority ONTAP creates the policy enabled.
    await fpolicy.createPolicy(client, svmUuid, {
      name: spec.policy.name,
      ...policyBody,
      priority: spec.policy.priority,
    });
    policyAction = 'created';
  } else if (policyDiffers) {
    await fpolicy.patchPolicy(client, svmUuid, spec.policy.name, policyBody);
    policyAction = 'updated';
  }

  const current = await readPolicy();
  if (current?.enabled !== true || current.priority !== spec.policy.priority) {
    if (current?.enabled === true) await fpolicy.disablePolicy(client, svmUuid, spec.policy.name);
    await fpolicy.enablePolicy(client, svmUuid, spec.policy.name, spec.policy.priority);
  }
  const final = await readPolicy();
  return {
    svmUuid,
    ontapVersion: `${version.generation}.${version.major}.${version.minor}`,
    engine: engineAction,
    events: eventActions,
    policy: policyAction,
    persistentStore: storeAction,
    reEnabled: mustDisable,
    enabled: final?.enabled === true,
  };
};

const applyStore = async (
  client: OntapClient,
  svmUuid: string,
  wanted: NonNullable<Spec['persistentStore']>,
  current: fpolicy.persistentStores.PersistentStore | undefined,
  differs: boolean,
  sizing: boolean,
): Promise<SetupAction> => {
  const size = sizing ? { size: wanted.sizeBytes } : {};
  if (current === undefined) {
    // 9.15.1+ creates the volume itself; on 9.14.1 the volume must already exist (README, step 4).
    await fpolicy.persistentStores.create(client, svmUuid, {
      name: wanted.name,
      volume: wanted.volume,
      ...size,
      ...(sizing ? { autosize_mode: wanted.autosizeMode } : {}),
    });
    return 'created';
  }
  if (!differs) return 'unchanged';
  await fpolicy.persistentStores.patch(client, svmUuid, wanted.name, { volume: wanted.volume, ...size });
  return 'updated';
};
