import {
  CreateAndAttachS3AccessPointCommand,
  DescribeS3AccessPointAttachmentsCommand,
  DescribeVolumesCommand,
  DetachAndDeleteS3AccessPointCommand,
  FSxClient,
} from '@aws-sdk/client-fsx';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CacheAccessPointError } from '../src/domain/errors';
import { detachAccessPoint, ensureAccessPoint } from '../src/steps/access-point';

const fsxMock = mockClient(FSxClient);
const fsx = new FSxClient({ region: 'us-east-1' });
const plan = {
  mode: 'attach' as const,
  name: 'fc2-cache-job1-1234abcd',
  fileSystemId: 'fs-0123456789abcdef0',
  identity: { type: 'UNIX' as const, user: 'root' },
};
const notFound = Object.assign(new Error('not found'), { name: 'S3AccessPointAttachmentNotFound' });

describe('cache access point through FSx', () => {
  beforeEach(() => fsxMock.reset());

  it('waits while FSx has not discovered the cache volume, then attaches with a repeatable token', async () => {
    fsxMock.on(DescribeS3AccessPointAttachmentsCommand).rejects(notFound);
    fsxMock
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [] })
      .resolves({
        Volumes: [{ VolumeId: 'fsvol-0123456789abcdef0', OntapConfiguration: { UUID: 'vol-uuid' } }],
      });
    fsxMock
      .on(CreateAndAttachS3AccessPointCommand)
      .resolves({ S3AccessPointAttachment: { Name: plan.name, Lifecycle: 'CREATING' } });

    expect(await ensureAccessPoint(fsx, plan, 'vol-uuid', 0)).toEqual({
      ready: false,
      alias: null,
      lifecycle: 'VOLUME_NOT_IN_FSX',
      attempt: 1,
    });
    expect(await ensureAccessPoint(fsx, plan, 'vol-uuid', 1)).toMatchObject({ ready: false, lifecycle: 'CREATING' });
    const create = fsxMock.commandCalls(CreateAndAttachS3AccessPointCommand)[0]?.args[0].input;
    expect(create).toMatchObject({
      Name: plan.name,
      Type: 'ONTAP',
      ClientRequestToken: `${plan.name}-vol-uuid`,
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
          { Name: plan.name, Lifecycle: 'AVAILABLE', S3AccessPoint: { Alias: 'fc2-abc-ext-s3alias' } },
        ],
      })
      .resolves({
        S3AccessPointAttachments: [
          { Name: plan.name, Lifecycle: 'FAILED', LifecycleTransitionReason: { Message: 'volume offline' } },
        ],
      });
    expect(await ensureAccessPoint(fsx, plan, 'vol-uuid', 3)).toEqual({
      ready: true,
      alias: 'fc2-abc-ext-s3alias',
      lifecycle: 'AVAILABLE',
      attempt: 4,
    });
    await expect(ensureAccessPoint(fsx, plan, 'vol-uuid', 4)).rejects.toThrow(CacheAccessPointError);
  });

  it('treats a detach of an access point that is already gone as absent', async () => {
    fsxMock.on(DetachAndDeleteS3AccessPointCommand).rejectsOnce(notFound).resolves({});
    expect(await detachAccessPoint(fsx, plan.name)).toBe('absent');
    expect(await detachAccessPoint(fsx, plan.name)).toBe('deleted');
  });
});
