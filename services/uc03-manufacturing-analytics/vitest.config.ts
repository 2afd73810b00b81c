import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc03-manufacturing-analytics');
