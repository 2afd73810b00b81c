/** A DICOM tag as one unsigned 32-bit number: group in the high 16 bits, element in the low 16 bits. */
export type Tag = number;

export const tagOf = (group: number, element: number): Tag => ((group << 16) | element) >>> 0;
export const groupOf = (tag: Tag): number => tag >>> 16;
export const elementOf = (tag: Tag): number => tag & 0xffff;

const hex4 = (value: number): string => value.toString(16).toUpperCase().padStart(4, '0');

/** `(0010,0010)`: the notation PS3.6 and every DICOM tool print. */
export const formatTag = (tag: Tag): string => `(${hex4(groupOf(tag))},${hex4(elementOf(tag))})`;

/** Odd groups are private (PS3.5 §7.8); groups 0001, 0003, 0005, 0007 and FFFF are illegal but still not standard. */
export const isPrivateTag = (tag: Tag): boolean => (groupOf(tag) & 1) === 1;

/** (gggg,0000) group lengths: retired outside the file meta and invalidated by any rewrite. */
export const isGroupLength = (tag: Tag): boolean => elementOf(tag) === 0;

export const ITEM = tagOf(0xfffe, 0xe000);
export const ITEM_DELIMITATION = tagOf(0xfffe, 0xe00d);
export const SEQUENCE_DELIMITATION = tagOf(0xfffe, 0xe0dd);
export const PIXEL_DATA = tagOf(0x7fe0, 0x0010);
export const UNDEFINED_LENGTH = 0xffffffff;
