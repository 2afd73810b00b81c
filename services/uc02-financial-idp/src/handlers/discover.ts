import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';
import { classifyObject } from '../discovery-rules';

/** Documents by suffix, or by a PDF/TIFF/PNG/JPEG signature when a file has no extension. */
export const handler = createDiscoverHandler({ service: SERVICE_ID, classify: classifyObject });
