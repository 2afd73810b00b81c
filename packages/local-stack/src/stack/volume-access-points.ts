import type { OntapSimulatorState } from '../ontap-simulator';
import { detachedAccessPoint } from '../s3ap-emulator';

/**
 * The root of an access point attached to a simulator volume, looked up on every request: the volume's
 * directory while it exists, is online and is mounted (FSx serves an access point only over a volume with a
 * junction path). Otherwise the access point answers `NoSuchBucket` saying which condition failed.
 */
export const volumeRootResolver =
  (ontap: Pick<OntapSimulatorState, 'volume'>, svmName: string, accessPoint: string, volumeName: string) =>
  (): string => {
    const volume = ontap.volume(svmName, volumeName);
    const on = `is attached to volume ${volumeName} of SVM ${svmName}`;
    if (volume === undefined) throw detachedAccessPoint(accessPoint, `${on}, which does not exist`);
    if (volume.state !== 'online') throw detachedAccessPoint(accessPoint, `${on}, which is ${volume.state}`);
    if (volume.junctionPath === undefined) {
      throw detachedAccessPoint(accessPoint, `${on}, which is not mounted (no junction path)`);
    }
    return volume.dir;
  };
