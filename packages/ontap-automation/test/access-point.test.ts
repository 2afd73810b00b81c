import {
  CreateAndAttachS3AccessPointCommand,
  DescribeS3AccessPointAttachmentsCommand,
  DescribeVolumesCommand,
  DetachAndDeleteS3AccessPointCommand,
  FSxClient,
  S3AccessPointAttachmentNotFound,
} from '@aws-sdk/client-fsx';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { detachAccessPoint, ensureAccessPoint } from '../src/access-point';
import { AccessPointAttachError } from '../src/errors';

const fsxMock = mockClient(FSxClient);
const fsx = new FSxClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
// A FlexClone's access point (flexclone-pipeline).
const plan = {
  name: 'fsxn-clone-c1',
  fileSystemId: 'fs-0123456789abcdef0',
  identity: { type: 'UNIX' as const, user: 'root' },
};
const notFound = () => new S3AccessPointAttachmentNotFound({ message: 'none', $metadata: {} });
// A per-job FlexCache's access point (fc2-dynamic-flexcache-render).
const cachePlan = {
  name: 'fc2-cache-job1-1234abcd',
  fileSystemId: 'fs-0123456789abcdef0',
  identity: { type: 'UNIX' as const, user: 'root' },
};
/** A plain Error named like the SDK's exception: the check goes by name, not by class. */
const namedNotFound = Object.assign(new Error('not found'), { name: 'S3AccessPointAttachmentNotFound' });

describe('ensureAccessPoint (FSx CreateAndAttachS3AccessPoint) on a clone', () => {
  beforeEach(() => fsxMock.reset());

  it('attaches to the FSx volume whose ONTAP uuid is the clone, as the documented request', async () => {
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).rejects(notFound());
    fsxMock.on(DescribeVolumesCommand).resolves({
      Volumes: [
        { VolumeId: 'fsvol-00000000000000001', OntapConfiguration: { UUID: 'parent-uuid' } },
        { VolumeId: 'fsvol-00000000000000002', OntapConfiguration: { UUID: 'clone-uuid' } },
      ],
    });
    fsxMock.on(CreateAndAttachS3AccessPointCommand).resolves({
      S3AccessPointAttachment: {
        Name: plan.name,
        Lifecycle: 'CREATING',
        S3AccessPoint: { Alias: 'fsxn-clone-c1-abcdefghij-ext-s3alias' },
      },
    });

    const state = await ensureAccessPoint(fsx, plan, 'clone-uuid', 0);

    expect(state).toEqual({
      ready: false,
      alias: 'fsxn-clone-c1-abcdefghij-ext-s3alias',
      lifecycle: 'CREATING',
      attempt: 1,
    });
    expect(fsxMock.commandCalls(DescribeVolumesCommand)[0]?.args[0].input).toEqual({
      Filters: [{ Name: 'file-system-id', Values: ['fs-0123456789abcdef0'] }],
    });
    expect(fsxMock.commandCalls(CreateAndAttachS3AccessPointCommand)[0]?.args[0].input).toEqual({
      ClientRequestToken: 'fsxn-clone-c1-clone-uuid',
      Name: 'fsxn-clone-c1',
      Type: 'ONTAP',
      OntapConfiguration: {
        VolumeId: 'fsvol-00000000000000002',
        FileSystemIdentity: { Type: 'UNIX', UnixUser: { Name: 'root' } },
      },
    });
  });

  it('reports an existing attachment without creating another; ready once AVAILABLE', async () => {
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).resolves({
      S3AccessPointAttachments: [
        { Name: plan.name, Lifecycle: 'AVAILABLE', S3AccessPoint: { Alias: 'a-abcdefghij-ext-s3alias' } },
      ],
    });
    expect(await ensureAccessPoint(fsx, plan, 'clone-uuid', 2)).toMatchObject({ ready: true, attempt: 3 });
    expect(fsxMock.commandCalls(CreateAndAttachS3AccessPointCommand)).toHaveLength(0);
  });

  it('waits while FSx has not discovered the clone volume yet (paging through DescribeVolumes)', async () => {
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).rejects(notFound());
    fsxMock
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [], NextToken: 't1' })
      .resolvesOnce({ Volumes: [{ VolumeId: 'fsvol-00000000000000001', OntapConfiguration: { UUID: 'other' } }] });
    expect(await ensureAccessPoint(fsx, plan, 'clone-uuid', 0)).toMatchObject({
      ready: false,
      lifecycle: 'VOLUME_NOT_IN_FSX',
    });
    expect(fsxMock.commandCalls(DescribeVolumesCommand)[1]?.args[0].input.NextToken).toBe('t1');
  });

  it('fails with a named error when the attachment failed, and uses WINDOWS identities for NTFS', async () => {
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).resolves({
      S3AccessPointAttachments: [
        { Name: plan.name, Lifecycle: 'FAILED', LifecycleTransitionReason: { Message: 'no junction' } },
      ],
    });
    await expect(ensureAccessPoint(fsx, plan, 'clone-uuid', 0)).rejects.toThrow(AccessPointAttachError);

    fsxMock.reset();
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).resolves({ S3AccessPointAttachments: [] });
    fsxMock
      .on(DescribeVolumesCommand)
      .resolves({ Volumes: [{ VolumeId: 'fsvol-00000000000000002', OntapConfiguration: { UUID: 'u' } }] });
    fsxMock.on(CreateAndAttachS3AccessPointCommand).resolves({ S3AccessPointAttachment: { Lifecycle: 'CREATING' } });
    await ensureAccessPoint(fsx, { ...plan, identity: { type: 'WINDOWS', user: 'CORP\\svc' } }, 'u', 0);
    expect(
      fsxMock.commandCalls(CreateAndAttachS3AccessPointCommand)[0]?.args[0].input.OntapConfiguration
        ?.FileSystemIdentity,
    ).toEqual({
      Type: 'WINDOWS',
      WindowsUser: { Name: 'CORP\\svc' },
    });
  });

  it('keeps FSx throttling transient so the state machine retries it', async () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).rejects(throttled);
    await expect(ensureAccessPoint(fsx, plan, 'u', 0)).rejects.toMatchObject({ transient: true });
  });
});

describe('detachAccessPoint', () => {
  beforeEach(() => fsxMock.reset());

  it('deletes the attachment by name, and is absent when there is none', async () => {
    fsxMock.on(DetachAndDeleteS3AccessPointCommand).resolvesOnce({}).rejectsOnce(notFound());
    expect(await detachAccessPoint(fsx, 'fsxn-clone-c1')).toBe('deleted');
    expect(await detachAccessPoint(fsx, 'fsxn-clone-c1')).toBe('absent');
    expect(fsxMock.commandCalls(DetachAndDeleteS3AccessPointCommand)[0]?.args[0].input).toEqual({
      Name: 'fsxn-clone-c1',
    });
  });
});

describe('ensureAccessPoint / detachAccessPoint on a cache volume', () => {
  beforeEach(() => fsxMock.reset());

  it('waits while FSx has not discovered the cache volume, then attaches with a repeatable token', async () => {
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).rejects(namedNotFound);
    fsxMock
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [] })
      .resolves({
        Volumes: [{ VolumeId: 'fsvol-0123456789abcdef0', OntapConfiguration: { UUID: 'vol-uuid' } }],
      });
    fsxMock
      .on(CreateAndAttachS3AccessPointCommand)
      .resolves({ S3AccessPointAttachment: { Name: cachePlan.name, Lifecycle: 'CREATING' } });

    expect(await ensureAccessPoint(fsx, cachePlan, 'vol-uuid', 0)).toEqual({
      ready: false,
      alias: null,
      lifecycle: 'VOLUME_NOT_IN_FSX',
      attempt: 1,
    });
    expect(await ensureAccessPoint(fsx, cachePlan, 'vol-uuid', 1)).toMatchObject({
      ready: false,
      lifecycle: 'CREATING',
    });
    const create = fsxMock.commandCalls(CreateAndAttachS3AccessPointCommand)[0]?.args[0].input;
    expect(create).toMatchObject({
      Name: cachePlan.name,
      Type: 'ONTAP',
      ClientRequestToken: `${cachePlan.name}-vol-uuid`,
      OntapConfiguration: {
        VolumeId: 'fsvol-0123456789abcdef0',
        FileSystemIdentity: { Type: 'UNIX', UnixUser: { Name: 'root' } },
      },
    });
  });

  it('is ready with the alias once AVAILABLE, and fails named when FSx reports FAILED', async () => {
    fsxMock
      .on(DescribeS3AccessPointAttachmentsCommand)
      .resolvesOnce({
        S3AccessPointAttachments: [
          { Name: cachePlan.name, Lifecycle: 'AVAILABLE', S3AccessPoint: { Alias: 'fc2-abc-ext-s3alias' } },
        ],
      })
      .resolves({
        S3AccessPointAttachments: [
          { Name: cachePlan.name, Lifecycle: 'FAILED', LifecycleTransitionReason: { Message: 'volume offline' } },
        ],
      });
    expect(await ensureAccessPoint(fsx, cachePlan, 'vol-uuid', 3)).toEqual({
      ready: true,
      alias: 'fc2-abc-ext-s3alias',
      lifecycle: 'AVAILABLE',
      attempt: 4,
    });
    await expect(ensureAccessPoint(fsx, cachePlan, 'vol-uuid', 4)).rejects.toThrow(AccessPointAttachError);
  });

  it('treats a detach of an access point that is already gone as absent', async () => {
    fsxMock.on(DetachAndDeleteS3AccessPointCommand).rejectsOnce(namedNotFound).resolves({});
    expect(await detachAccessPoint(fsx, cachePlan.name)).toBe('absent');
    expect(await detachAccessPoint(fsx, cachePlan.name)).toBe('deleted');
  });
});
