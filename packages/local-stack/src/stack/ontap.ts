import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { LocalStackError } from '../errors';
import { type OntapSimulator, startOntapSimulator } from '../ontap-simulator';
import type { FileSecurityOption } from '../ontap-simulator/state';
import type { LocalSecretsManager } from '../secrets-manager';
import type { LocalOntapDescriptor, LocalOntapInfo } from './descriptor';

export const ONTAP_DEFAULTS = {
  svmName: 'svm1',
  volumeName: 'vol1',
  securityStyle: 'ntfs',
  secretName: 'fsxn-local/ontap-admin',
  username: 'fsxadmin',
} as const;

export interface StackOntap {
  readonly simulator: OntapSimulator;
  readonly info: LocalOntapInfo;
}

export interface StartStackOntapOptions {
  readonly dataDir: string;
  readonly descriptor: LocalOntapDescriptor;
  readonly secretsManager: LocalSecretsManager;
  /** NTFS security per SVM namespace path (e.g. `/vol1/legal/contract.pdf`), e.g. from the demo's samples. */
  readonly fileSecurity?: Readonly<Record<string, FileSecurityOption>>;
}

/**
 * Starts the ONTAP simulator for a service stack: one SVM whose first volume is the data directory (so
 * the same files are seen through the S3 access point and through ONTAP), any extra volumes, and fresh
 * admin credentials stored only as a local secret, the way a deployed function reads them. The
 * simulator's snapshots and clones live in a temp dir removed on stop: its model is in memory, so keeping
 * them for a later run (persistDir) would only leave orphans.
 */
export const startStackOntap = async (options: StartStackOntapOptions): Promise<StackOntap> => {
  const { descriptor, dataDir } = options;
  const svmName = descriptor.svmName ?? ONTAP_DEFAULTS.svmName;
  const volumeName = descriptor.volumeName ?? ONTAP_DEFAULTS.volumeName;
  const extraVolumes = descriptor.extraVolumes ?? [];
  const names = [volumeName, ...extraVolumes.map((v) => v.name)];
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new LocalStackError(`descriptor.ontap names volume "${duplicate}" twice`);

  const svmUuid = randomUUID();
  const volumeUuid = randomUUID();
  const credentials = { username: ONTAP_DEFAULTS.username, password: randomBytes(18).toString('base64url') };
  const simulator = await startOntapSimulator({
    credentials,
    svms: [
      {
        name: svmName,
        uuid: svmUuid,
        ...(options.fileSecurity ? { fileSecurity: options.fileSecurity } : {}),
        volumes: [
          {
            name: volumeName,
            uuid: volumeUuid,
            dir: dataDir,
            junctionPath: descriptor.junctionPath ?? `/${volumeName}`,
            securityStyle: descriptor.securityStyle ?? ONTAP_DEFAULTS.securityStyle,
          },
          ...extraVolumes.map((volume) => ({
            name: volume.name,
            dir: resolve(dataDir, volume.dir),
            junctionPath: volume.junctionPath ?? `/${volume.name}`,
            securityStyle: volume.securityStyle ?? ONTAP_DEFAULTS.securityStyle,
          })),
        ],
      },
    ],
  });
  const secretArn = options.secretsManager.put(descriptor.secretName ?? ONTAP_DEFAULTS.secretName, credentials);
  return { simulator, info: { secretArn, svmName, svmUuid, volumeName, volumeUuid } };
};
