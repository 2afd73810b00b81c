import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';

/**
 * Outside the VPC (S3 access point only): lists every object under the prefix (UC1 audits all files, whatever
 * their format), skips the run's own outputs, writes the manifest; HYBRID claims each file version once.
 */
export const handler = createDiscoverHandler({ service: SERVICE_ID });
