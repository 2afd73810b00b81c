import type { ListOptions } from '../resource-helpers';
import { getRecord, listRecords } from '../resource-helpers';
import type { OntapClient } from '../transport';

export interface SnapMirrorRelationship {
  readonly uuid: string;
  readonly source?: { readonly path?: string; readonly svm?: { readonly name?: string } };
  readonly destination?: { readonly path?: string; readonly svm?: { readonly name?: string } };
  readonly state?: string;
  readonly healthy?: boolean;
  /** ISO-8601 duration. */
  readonly lag_time?: string;
  readonly policy?: { readonly name?: string; readonly type?: string };
  readonly transfer?: { readonly state?: string; readonly bytes_transferred?: number; readonly end_time?: string };
  readonly transfer_schedule?: { readonly name?: string };
  readonly last_transfer_type?: string;
  readonly unhealthy_reason?: readonly { readonly message?: string; readonly code?: string }[];
}

const PATH = '/snapmirror/relationships';

export const SNAPMIRROR_FIELDS = [
  'uuid',
  'source.path',
  'source.svm.name',
  'destination.path',
  'destination.svm.name',
  'state',
  'healthy',
  'lag_time',
  'policy.name',
  'policy.type',
  'transfer.state',
  'transfer.bytes_transferred',
  'transfer.end_time',
  'transfer_schedule.name',
  'last_transfer_type',
  'unhealthy_reason.message',
  'unhealthy_reason.code',
] as const;

export interface ListRelationshipsFilter {
  /** `svm:volume`, wildcards allowed (`svm1:*`). */
  readonly sourcePath?: string;
  readonly destinationPath?: string;
  /** Ask the source cluster for relationships whose source it owns. */
  readonly listDestinationsOnly?: boolean;
}

export const list = (client: OntapClient, filter: ListRelationshipsFilter = {}, options?: ListOptions) =>
  listRecords<SnapMirrorRelationship>(
    client,
    PATH,
    SNAPMIRROR_FIELDS,
    ['uuid'],
    {
      'source.path': filter.sourcePath,
      'destination.path': filter.destinationPath,
      list_destinations_only: filter.listDestinationsOnly,
    },
    options,
  );

export const get = (client: OntapClient, uuid: string, signal?: AbortSignal) =>
  getRecord<SnapMirrorRelationship>(
    client,
    `${PATH}/${encodeURIComponent(uuid)}`,
    SNAPMIRROR_FIELDS,
    ['uuid'],
    {},
    signal,
  );
