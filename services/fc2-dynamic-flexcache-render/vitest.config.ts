import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('fc2-dynamic-flexcache-render');
