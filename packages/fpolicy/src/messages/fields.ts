import { FpolicyFrameError } from '../errors';
import { childElements, findChild, textContent, type XmlElement } from '../xml/tree';

const missing = (parent: XmlElement, name: string): FpolicyFrameError =>
  new FpolicyFrameError('missing-element', `<${parent.name}> has no <${name}>`);

const invalid = (name: string, message: string): FpolicyFrameError =>
  new FpolicyFrameError('invalid-value', `<${name}> ${message}`);

export const expectRoot = (root: XmlElement, name: string): XmlElement => {
  if (root.name !== name)
    throw new FpolicyFrameError('unexpected-root', `expected <${name}>, got <${root.name.slice(0, 64)}>`);
  return root;
};

export const requireChild = (parent: XmlElement, name: string): XmlElement => {
  const child = findChild(parent, name);
  if (child === undefined) throw missing(parent, name);
  return child;
};

/** Text of a leaf element; a child element where a value belongs is malformed. */
export const leafText = (element: XmlElement): string => {
  if (childElements(element).length > 0) throw invalid(element.name, 'must hold text, not elements');
  return textContent(element);
};

export const requireText = (parent: XmlElement, name: string): string => leafText(requireChild(parent, name));

export const optionalText = (parent: XmlElement, name: string): string | undefined => {
  const child = findChild(parent, name);
  return child === undefined ? undefined : leafText(child);
};

const UNSIGNED = /^[0-9]{1,16}$/;

/** A non-negative decimal integer that fits a JS number exactly (surrounding whitespace tolerated). */
export const parseUnsigned = (name: string, text: string): number => {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!UNSIGNED.test(trimmed) || !Number.isSafeInteger(value)) throw invalid(name, 'is not a non-negative integer');
  return value;
};

export const optionalUnsigned = (parent: XmlElement, name: string): number | undefined => {
  const text = optionalText(parent, name);
  return text === undefined ? undefined : parseUnsigned(name, text);
};

/** Decimal digits kept as a string (ids that are echoed back or used as lookup keys). */
export const parseDigits = (name: string, text: string): string => {
  const trimmed = text.trim();
  if (!/^[0-9]{1,20}$/.test(trimmed)) throw invalid(name, 'is not a decimal number');
  return trimmed;
};

/** Drops keys whose value is undefined, so absent elements are absent properties. */
export const omitUndefined = <T extends object>(value: T): T => {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
};
