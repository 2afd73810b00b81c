import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('fpolicy-ingestion');
