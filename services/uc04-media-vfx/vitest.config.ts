import { defineFsxnProject } from '@fsxn/vitest-config';

export default defineFsxnProject('uc04-media-vfx');
