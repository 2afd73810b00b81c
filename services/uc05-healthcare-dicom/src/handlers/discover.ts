import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';
import { classifyObject } from '../discovery-rules';

/** DICOM files by suffix, or by the `DICM` magic when a file has no extension. */
export const handler = createDiscoverHandler({ service: SERVICE_ID, classify: classifyObject });
