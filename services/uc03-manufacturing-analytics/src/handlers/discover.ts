import { createDiscoverHandler } from '@fsxn/lambda-kit';
import { SERVICE_ID } from '../config';
import { classifyObject, kindOf } from '../discovery-rules';

/** CSV exports and inspection images by suffix; the Map routes on `kind`: CSVs to TransformCsv, images to AnalyzeImage. */
export const handler = createDiscoverHandler({
  service: SERVICE_ID,
  classify: classifyObject,
  toMapItem: (item) => ({ ...item, kind: kindOf(item.key) ?? 'csv' }),
});
