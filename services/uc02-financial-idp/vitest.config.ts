import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc02-financial-idp');
