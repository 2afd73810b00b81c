import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('fc1-flexcache-anycast-dr');
