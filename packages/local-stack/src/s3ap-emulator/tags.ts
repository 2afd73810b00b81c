import { malformedXml, S3ApEmulatorError } from './s3-error';
import type { Tag } from './sidecar';
import { el, elements, text, unescapeXml, wrap, xmlDocument } from './xml';

const invalidTag = (message: string): S3ApEmulatorError => new S3ApEmulatorError('InvalidTag', message);

/** Checks S3's tag-set rules: at most 10 tags, keys 1-128 and values 0-256 characters, keys unique. */
export const validateTags = (tags: readonly Tag[]): Tag[] => {
  if (tags.length > 10) throw invalidTag('Object tags cannot be greater than 10');
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.length === 0 || tag.Key.length > 128) throw invalidTag('The TagKey you have provided is invalid');
    if (tag.Value.length > 256) throw invalidTag('The TagValue you have provided is invalid');
    if (seen.has(tag.Key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(tag.Key);
  }
  return [...tags];
};

/** Tags from the `x-amz-tagging` header (URL query syntax). */
export const tagsFromHeader = (value: string | undefined): Tag[] | undefined => {
  if (value === undefined) return undefined;
  return validateTags([...new URLSearchParams(value)].map(([Key, Value]) => ({ Key, Value })));
};

export const tagsFromXml = (xml: string): Tag[] => {
  const tagSets = elements(xml, 'TagSet');
  if (!/<Tagging[\s>]/.test(xml) || tagSets.length !== 1) {
    throw malformedXml();
  }
  return validateTags(
    elements(tagSets[0] ?? '', 'Tag').map((tag) => ({
      Key: text(tag, 'Key') ?? '',
      Value: unescapeXml(elements(tag, 'Value')[0] ?? ''),
    })),
  );
};

export const tagsToXml = (tags: readonly Tag[]): string =>
  xmlDocument(
    'Tagging',
    wrap('TagSet', tags.map((t) => wrap('Tag', el('Key', t.Key) + el('Value', t.Value))).join('')),
  );
