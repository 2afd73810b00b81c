import { OntapApiError, OntapInputError } from '@fsxn/ontap-client';
import { AclFormatError, type AclRecord, type FileSecurityView, toAclRecord } from './domain';

/** Where the volume sits in the SVM namespace, as resolved once per run by the ResolveVolume step. */
export interface VolumeLocation {
  readonly svmUuid: string;
  readonly volumeUuid: string;
  readonly junctionPath: string;
}

export interface CollectDeps {
  /** `fileSecurity.get` of @fsxn/ontap-client, bound to the client and SVM. */
  readFileSecurity: (namespacePath: string, lookupNames: boolean) => Promise<FileSecurityView>;
  now: () => string;
}

export type CollectOutcome =
  | { kind: 'collected'; record: AclRecord }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string };

/** SVM namespace path of an object: the volume's junction path + the key (S3 keys use `/` like the namespace). */
export const namespacePathOf = (junctionPath: string, key: string): string =>
  `${junctionPath.replace(/\/+$/, '')}/${key}`;

/** 4xx answers about one path (not found, not in the namespace, bad name) belong to that file, not to the run. */
const isPerFileRefusal = (error: OntapApiError) =>
  error.status === 404 || (error.status === 400 && error.target === 'path');

/**
 * Reads the NTFS descriptor of one file twice (account names, then SIDs) and joins them into an ACL record.
 * A file ONTAP refuses is FAILED with ONTAP's error code; a file without an ACL is SKIPPED with the reason;
 * faults (5xx, network, credentials) are thrown for the state machine's Retry.
 */
export const collectAcl = async (deps: CollectDeps, key: string, volume: VolumeLocation): Promise<CollectOutcome> => {
  const path = namespacePathOf(volume.junctionPath, key);
  let named: FileSecurityView;
  let bySid: FileSecurityView;
  try {
    named = await deps.readFileSecurity(path, true);
    bySid = await deps.readFileSecurity(path, false);
  } catch (error) {
    if (error instanceof OntapApiError && isPerFileRefusal(error)) {
      return { kind: 'failed', reason: `${error.name}[${error.code}]: ${error.message}` };
    }
    if (error instanceof OntapInputError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
  try {
    const outcome = toAclRecord({
      objectKey: key,
      volumeUuid: volume.volumeUuid,
      named,
      bySid,
      collectedAt: deps.now(),
    });
    return outcome.kind === 'record'
      ? { kind: 'collected', record: outcome.record }
      : { kind: 'skipped', reason: outcome.reason };
  } catch (error) {
    if (error instanceof AclFormatError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
};
