import { createHandler, PermanentError } from '@fsxn/lambda-kit';
import { cifsShares, volumes } from '@fsxn/ontap-client';
import { z } from 'zod';
import { ontapConfig, SERVICE_ID } from '../config';
import { ontapClientOf } from '../runtime';

const config = ontapConfig();
const ontap = ontapClientOf(config);

const eventSchema = z.object({ executionArn: z.string().min(1) });

/** What every CollectAcl task needs to address a file in the SVM namespace, resolved once per run. */
export interface ResolvedVolume {
  svmName: string;
  svmUuid: string;
  volumeName: string;
  volumeUuid: string;
  junctionPath: string;
  securityStyle: string;
  /** CIFS shares that expose (part of) this volume: a finding under one is reachable over SMB. */
  shares: { name: string; path: string }[];
}

const isUnder = (path: string, junction: string) => path === junction || path.startsWith(`${junction}/`);

/** Runs in the VPC: looks the volume up by SVM and name through the ONTAP management API. */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (_event, ctx) => {
  const volume = await volumes.getByName(ontap, config.SVM_NAME, config.VOLUME_NAME);
  const svmUuid = volume.svm?.uuid;
  const junctionPath = volume.nas?.path;
  if (!svmUuid) throw new PermanentError(`ONTAP did not return the SVM of volume ${config.VOLUME_NAME}`);
  if (!junctionPath) {
    throw new PermanentError(
      `volume ${config.VOLUME_NAME} is not mounted in the namespace of SVM ${config.SVM_NAME}: its files have no path`,
    );
  }
  const shares = (await cifsShares.list(ontap, { svmUuid }))
    .filter((s) => typeof s.path === 'string' && isUnder(s.path, junctionPath))
    .map((s) => ({ name: s.name, path: s.path ?? '' }));
  const resolved: ResolvedVolume = {
    svmName: config.SVM_NAME,
    svmUuid,
    volumeName: volume.name,
    volumeUuid: volume.uuid,
    junctionPath,
    securityStyle: volume.nas?.security_style ?? 'unknown',
    shares,
  };
  ctx.log.info({ volume: resolved.volumeName, junctionPath, shares: shares.length }, 'volume resolved');
  return resolved;
});
