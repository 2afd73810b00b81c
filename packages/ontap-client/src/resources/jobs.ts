import { JOB_FIELDS, type Job, type JobState } from '../jobs';
import type { ListOptions } from '../resource-helpers';
import { listRecords } from '../resource-helpers';
import type { OntapClient } from '../transport';

export { getJob as get, jobStatus as status, waitForJob } from '../jobs';

export interface ListJobsFilter {
  readonly state?: JobState | string;
  /** E.g. `POST /api/storage/volumes*`. */
  readonly description?: string;
}

export const list = (client: OntapClient, filter: ListJobsFilter = {}, options?: ListOptions): Promise<Job[]> =>
  listRecords<Job>(
    client,
    '/cluster/jobs',
    JOB_FIELDS,
    ['uuid', 'state'],
    { state: filter.state, description: filter.description },
    options,
  );
