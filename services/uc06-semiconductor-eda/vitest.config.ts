import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc06-semiconductor-eda');
