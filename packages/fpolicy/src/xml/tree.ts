/** An element of the small XML subset FPolicy uses. Attributes are kept (ONTAP sends none) in a prototype-less map. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

/** A child is an element or a run of character data (entities already decoded). */
export type XmlNode = XmlElement | string;

export const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';

/** Element children in document order. */
export const childElements = (element: XmlElement): XmlElement[] => element.children.filter(isElement);

/** First child element called `name`, if any. */
export const findChild = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((child): child is XmlElement => isElement(child) && child.name === name);

/** Every child element called `name`. */
export const findChildren = (element: XmlElement, name: string): XmlElement[] =>
  childElements(element).filter((child) => child.name === name);

/** Concatenated character data of the element and all its descendants. */
export const textContent = (element: XmlElement): string => {
  let text = '';
  const stack: XmlNode[] = [element];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (typeof node === 'string') {
      text += node;
    } else {
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return text;
};

/** Builds an element; `children` strings become text nodes, empty strings are dropped. */
export const element = (
  name: string,
  children: readonly (XmlNode | undefined)[] = [],
  attributes: Readonly<Record<string, string>> = {},
): XmlElement => {
  const attrs: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(attributes)) attrs[key] = value;
  const kept = children.filter((child): child is XmlNode => child !== undefined && child !== '');
  return { name, attributes: attrs, children: kept };
};
