import {
  CreateAndAttachS3AccessPointCommand,
  DescribeS3AccessPointAttachmentsCommand,
  DescribeVolumesCommand,
  DetachAndDeleteS3AccessPointCommand,
  type FSxClient,
  type S3AccessPointAttachment,
} from '@aws-sdk/client-fsx';
import { CacheAccessPointError, FlexCacheRenderError } from '../domain/errors';
import type { AccessPointPlan } from '../domain/job-input';

type AttachPlan = Extract<AccessPointPlan, { mode: 'attach' }>;

export interface AccessPointState {
  /** True once the attachment is AVAILABLE and its alias can be used as a bucket name. */
  readonly ready: boolean;
  readonly alias: string | null;
  /** FSx lifecycle, or `VOLUME_NOT_IN_FSX` while FSx has not yet discovered the cache volume. */
  readonly lifecycle: string;
  readonly attempt: number;
}

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** Keeps the SDK's verdict (5xx, throttling = transient) on the service's own error. */
const fsxError = (what: string, error: unknown): FlexCacheRenderError => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  const transient = status >= 500 || status === 429 || isNamed(error, 'ThrottlingException');
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return transient
    ? new FlexCacheRenderError(`${what}: ${message}`, { transient: true, cause: error })
    : new CacheAccessPointError(`${what}: ${message}`, { cause: error });
};

const findAttachment = async (fsx: FSxClient, name: string): Promise<S3AccessPointAttachment | undefined> => {
  try {
    const out = await fsx.send(new DescribeS3AccessPointAttachmentsCommand({ Names: [name] }));
    return out.S3AccessPointAttachments?.[0];
  } catch (error) {
    if (isNamed(error, 'S3AccessPointAttachmentNotFound')) return undefined;
    throw fsxError('DescribeS3AccessPointAttachments', error);
  }
};

/** FSx's id of the volume whose ONTAP uuid is `ontapUuid`; undefined until FSx has discovered it. */
const fsxVolumeIdOf = async (fsx: FSxClient, fileSystemId: string, ontapUuid: string): Promise<string | undefined> => {
  let token: string | undefined;
  do {
    const out = await fsx
      .send(
        new DescribeVolumesCommand({
          Filters: [{ Name: 'file-system-id', Values: [fileSystemId] }],
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      )
      .catch((error: unknown) => {
        throw fsxError('DescribeVolumes', error);
      });
    const match = out.Volumes?.find((v) => v.OntapConfiguration?.UUID === ontapUuid);
    if (match?.VolumeId !== undefined) return match.VolumeId;
    token = out.NextToken;
  } while (token !== undefined);
  return undefined;
};

const stateOf = (attachment: S3AccessPointAttachment, attempt: number): AccessPointState => {
  const lifecycle = attachment.Lifecycle ?? 'UNKNOWN';
  if (lifecycle === 'FAILED' || lifecycle === 'MISCONFIGURED') {
    const why = attachment.LifecycleTransitionReason?.Message ?? 'no reason given';
    throw new CacheAccessPointError(`S3 access point "${attachment.Name ?? ''}" is ${lifecycle}: ${why}`);
  }
  const alias = attachment.S3AccessPoint?.Alias ?? null;
  return { ready: lifecycle === 'AVAILABLE' && alias !== null, alias, lifecycle, attempt: attempt + 1 };
};

/**
 * Makes sure an S3 access point is attached to the cache volume: an existing attachment of the job's
 * name is reused, otherwise the cache's FSx volume id is looked up (FSx discovers volumes created over
 * ONTAP REST after a while) and CreateAndAttachS3AccessPoint is called with a token derived from the
 * attachment, so a retried call cannot create a second one. The state machine calls it until `ready`.
 */
export const ensureAccessPoint = async (
  fsx: FSxClient,
  plan: AttachPlan,
  cacheVolumeUuid: string,
  attempt: number,
): Promise<AccessPointState> => {
  const existing = await findAttachment(fsx, plan.name);
  if (existing !== undefined) return stateOf(existing, attempt);
  const volumeId = await fsxVolumeIdOf(fsx, plan.fileSystemId, cacheVolumeUuid);
  if (volumeId === undefined)
    return { ready: false, alias: null, lifecycle: 'VOLUME_NOT_IN_FSX', attempt: attempt + 1 };
  const identity =
    plan.identity.type === 'UNIX'
      ? { Type: 'UNIX' as const, UnixUser: { Name: plan.identity.user } }
      : { Type: 'WINDOWS' as const, WindowsUser: { Name: plan.identity.user } };
  try {
    const out = await fsx.send(
      new CreateAndAttachS3AccessPointCommand({
        ClientRequestToken: `${plan.name}-${cacheVolumeUuid}`.slice(0, 63),
        Name: plan.name,
        Type: 'ONTAP',
        OntapConfiguration: { VolumeId: volumeId, FileSystemIdentity: identity },
      }),
    );
    const attachment = out.S3AccessPointAttachment;
    if (attachment === undefined)
      throw new CacheAccessPointError('CreateAndAttachS3AccessPoint returned no attachment');
    return stateOf(attachment, attempt);
  } catch (error) {
    if (error instanceof FlexCacheRenderError) throw error;
    throw fsxError('CreateAndAttachS3AccessPoint', error);
  }
};

/** Detaches and deletes the cache's access point before the cache goes; `absent` when there is none. */
export const detachAccessPoint = async (fsx: FSxClient, name: string): Promise<'deleted' | 'absent'> => {
  try {
    await fsx.send(new DetachAndDeleteS3AccessPointCommand({ Name: name }));
    return 'deleted';
  } catch (error) {
    if (isNamed(error, 'S3AccessPointAttachmentNotFound')) return 'absent';
    throw fsxError('DetachAndDeleteS3AccessPoint', error);
  }
};
