import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';
import { classifyObject } from '../discovery-rules';

/** SEG-Y volumes and LAS/CSV well logs by suffix. */
export const handler = createDiscoverHandler({ service: SERVICE_ID, classify: classifyObject });
