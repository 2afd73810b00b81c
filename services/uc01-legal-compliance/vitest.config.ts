import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc01-legal-compliance');
