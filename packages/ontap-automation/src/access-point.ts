import {
  CreateAndAttachS3AccessPointCommand,
  DescribeS3AccessPointAttachmentsCommand,
  DescribeVolumesCommand,
  DetachAndDeleteS3AccessPointCommand,
  FSxClient,
  type S3AccessPointAttachment,
} from '@aws-sdk/client-fsx';
import { AccessPointAttachError, FsxUnavailable, OntapAutomationError } from './errors';

/** What to attach: the access point's name, the file system, and the file-system identity it acts as. */
export interface AccessPointRequest {
  readonly name: string;
  readonly fileSystemId: string;
  readonly identity: { readonly type: 'UNIX' | 'WINDOWS'; readonly user: string };
}

export interface AccessPointState {
  /** True once the attachment is AVAILABLE and its alias can be used as a bucket name. */
  readonly ready: boolean;
  readonly alias: string | null;
  /** FSx lifecycle, or `VOLUME_NOT_IN_FSX` while FSx has not yet discovered a volume made over ONTAP REST. */
  readonly lifecycle: string;
  readonly attempt: number;
}

/** The FSx client, built once per cold start (the FSx API is reached outside the VPC). */
export const fsxClient = (): FSxClient => new FSxClient({});

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** Keeps the SDK's verdict (5xx, 429, throttling = transient) on a named error. */
const fsxError = (what: string, error: unknown): OntapAutomationError => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  const transient =
    status >= 500 || status === 429 || isNamed(error, 'ThrottlingException') || isNamed(error, 'InternalServerError');
  const message = `${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  return transient ? new FsxUnavailable(message, error) : new AccessPointAttachError(message, { cause: error });
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
 * Makes sure an S3 access point is attached to the volume whose ONTAP uuid is `volumeUuid` (a clone, a
 * cache): an existing attachment of that name is reused, otherwise the volume's FSx id is looked up (FSx
 * discovers volumes created over ONTAP REST after a while) and CreateAndAttachS3AccessPoint is called with
 * a token derived from the attachment, so a retried call cannot create a second one. Repeatable: the state
 * machine calls it until `ready`.
 */
export const ensureAccessPoint = async (
  fsx: FSxClient,
  request: AccessPointRequest,
  volumeUuid: string,
  attempt: number,
): Promise<AccessPointState> => {
  const existing = await findAttachment(fsx, request.name);
  if (existing !== undefined) return stateOf(existing, attempt);
  const volumeId = await fsxVolumeIdOf(fsx, request.fileSystemId, volumeUuid);
  if (volumeId === undefined)
    return { ready: false, alias: null, lifecycle: 'VOLUME_NOT_IN_FSX', attempt: attempt + 1 };
  const identity =
    request.identity.type === 'UNIX'
      ? { Type: 'UNIX' as const, UnixUser: { Name: request.identity.user } }
      : { Type: 'WINDOWS' as const, WindowsUser: { Name: request.identity.user } };
  try {
    const out = await fsx.send(
      new CreateAndAttachS3AccessPointCommand({
        ClientRequestToken: `${request.name}-${volumeUuid}`.slice(0, 63),
        Name: request.name,
        Type: 'ONTAP',
        OntapConfiguration: { VolumeId: volumeId, FileSystemIdentity: identity },
      }),
    );
    const attachment = out.S3AccessPointAttachment;
    if (attachment === undefined)
      throw new AccessPointAttachError('CreateAndAttachS3AccessPoint returned no attachment');
    return stateOf(attachment, attempt);
  } catch (error) {
    if (error instanceof OntapAutomationError) throw error;
    throw fsxError('CreateAndAttachS3AccessPoint', error);
  }
};

/** Detaches and deletes the access point (before its volume goes); `absent` when there is none. */
export const detachAccessPoint = async (fsx: FSxClient, name: string): Promise<'deleted' | 'absent'> => {
  try {
    await fsx.send(new DetachAndDeleteS3AccessPointCommand({ Name: name }));
    return 'deleted';
  } catch (error) {
    if (isNamed(error, 'S3AccessPointAttachmentNotFound')) return 'absent';
    throw fsxError('DetachAndDeleteS3AccessPoint', error);
  }
};
