import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('ontap-automation');
