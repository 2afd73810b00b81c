import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';
import { kindOf } from '../file-kinds';

/** By name: a wrong file with a genomics name fails later with the parser's reason. */
export const handler = createDiscoverHandler({
  service: SERVICE_ID,
  classify: (obj) =>
    kindOf(obj.key) ? { include: true } : { include: false, reason: 'not a FASTQ, VCF or BAM file name' },
});
