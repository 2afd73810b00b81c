import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc08-energy-seismic');
