import {
  CreateAndAttachS3AccessPointCommand,
  DescribeS3AccessPointAttachmentsCommand,
  DescribeVolumesCommand,
  DetachAndDeleteS3AccessPointCommand,
  type FSxClient,
  type S3AccessPointAttachment,
} from '@aws-sdk/client-fsx';
import { AccessPointAttachError, FlexClonePipelineError } from '../domain/errors';
import type { AccessPointPlan } from '../domain/input';

type AttachPlan = Extract<AccessPointPlan, { kind: 'attach' }>;

export interface AccessPointState {
  /** True once the attachment is AVAILABLE and its alias can be used as a bucket name. */
  readonly ready: boolean;
  readonly alias: string | null;
  /** FSx lifecycle, or `VOLUME_NOT_IN_FSX` while FSx has not yet discovered the clone made over ONTAP REST. */
  readonly lifecycle: string;
  readonly attempt: number;
}

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** AWS SDK errors carry `$retryable`/5xx; lambda-kit maps them, but a wrapped error must keep the verdict. */
const fsxError = (what: string, error: unknown): FlexClonePipelineError => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  const transient =
    status >= 500 || status === 429 || isNamed(error, 'ThrottlingException') || isNamed(error, 'InternalServerError');
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return transient
    ? new FlexClonePipelineError(`${what}: ${message}`, { transient: true, cause: error })
    : new AccessPointAttachError(`${what}: ${message}`, { cause: error });
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

/** FSx's id of the volume whose ONTAP uuid is `ontapUuid`, or undefined while FSx has not discovered it. */
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
    throw new AccessPointAttachError(`S3 access point "${attachment.Name ?? ''}" is ${lifecycle}: ${why}`);
  }
  const alias = attachment.S3AccessPoint?.Alias ?? null;
  return { ready: lifecycle === 'AVAILABLE' && alias !== null, alias, lifecycle, attempt: attempt + 1 };
};

/**
 * Makes sure an S3 access point is attached to the clone: finds an existing attachment by name, else
 * looks up the clone's FSx volume id (FSx discovers volumes created over ONTAP REST after a while) and
 * calls CreateAndAttachS3AccessPoint. Repeatable: the state machine calls it until `ready`.
 */
export const ensureAccessPoint = async (
  fsx: FSxClient,
  plan: AttachPlan,
  cloneUuid: string,
  attempt: number,
): Promise<AccessPointState> => {
  const existing = await findAttachment(fsx, plan.name);
  if (existing !== undefined) return stateOf(existing, attempt);
  const volumeId = await fsxVolumeIdOf(fsx, plan.fileSystemId, cloneUuid);
  if (volumeId === undefined)
    return { ready: false, alias: null, lifecycle: 'VOLUME_NOT_IN_FSX', attempt: attempt + 1 };
  const identity =
    plan.identity.type === 'UNIX'
      ? { Type: 'UNIX' as const, UnixUser: { Name: plan.identity.user } }
      : { Type: 'WINDOWS' as const, WindowsUser: { Name: plan.identity.user } };
  try {
    const out = await fsx.send(
      new CreateAndAttachS3AccessPointCommand({
        // The same token for the same attachment: a retried call cannot create a second access point.
        ClientRequestToken: `${plan.name}-${cloneUuid}`.slice(0, 63),
        Name: plan.name,
        Type: 'ONTAP',
        OntapConfiguration: { VolumeId: volumeId, FileSystemIdentity: identity },
      }),
    );
    const attachment = out.S3AccessPointAttachment;
    if (attachment === undefined)
      throw new AccessPointAttachError('CreateAndAttachS3AccessPoint returned no attachment');
    return stateOf(attachment, attempt);
  } catch (error) {
    if (error instanceof FlexClonePipelineError) throw error;
    throw fsxError('CreateAndAttachS3AccessPoint', error);
  }
};

/** Detaches and deletes the access point; `absent` when there is none (cleanup is repeatable). */
export const detachAccessPoint = async (fsx: FSxClient, name: string): Promise<'deleted' | 'absent'> => {
  try {
    await fsx.send(new DetachAndDeleteS3AccessPointCommand({ Name: name }));
    return 'deleted';
  } catch (error) {
    if (isNamed(error, 'S3AccessPointAttachmentNotFound')) return 'absent';
    throw fsxError('DetachAndDeleteS3AccessPoint', error);
  }
};
