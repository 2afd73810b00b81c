import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc07-genomics-pipeline');
