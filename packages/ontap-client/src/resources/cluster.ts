import { OntapResponseError } from '../errors';
import { isJsonObject } from '../records';
import type { OntapClient } from '../transport';

export interface ClusterVersion {
  /** E.g. `NetApp Release 9.16.1: …`. */
  readonly full: string;
  readonly generation: number;
  readonly major: number;
  readonly minor: number;
}

/**
 * `GET /cluster?fields=version`. The catalog's `/cluster` entry carries no field list, so `version`
 * comes from clients observed against real clusters.
 */
export const getVersion = async (client: OntapClient, signal?: AbortSignal): Promise<ClusterVersion> => {
  const response = await client.request({
    method: 'GET',
    path: '/cluster',
    query: { fields: ['version'] },
    ...(signal === undefined ? {} : { signal }),
  });
  const version = isJsonObject(response.body) ? response.body.version : undefined;
  if (
    isJsonObject(version) &&
    typeof version.full === 'string' &&
    typeof version.generation === 'number' &&
    typeof version.major === 'number' &&
    typeof version.minor === 'number'
  ) {
    return { full: version.full, generation: version.generation, major: version.major, minor: version.minor };
  }
  throw new OntapResponseError('ONTAP GET /cluster returned no version', {
    method: 'GET',
    path: '/api/cluster',
    headers: {},
  });
};
