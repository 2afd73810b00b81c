import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc05-healthcare-dicom');
