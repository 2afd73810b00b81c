import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';
import { classifyObject } from '../discovery-rules';

/** GDSII/OASIS layouts by suffix, or by their magic when a file has no extension. */
export const handler = createDiscoverHandler({ service: SERVICE_ID, classify: classifyObject });
