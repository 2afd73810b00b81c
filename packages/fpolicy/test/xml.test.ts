import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_XML_LIMITS,
  element,
  FpolicyEncodeError,
  FpolicyFrameError,
  parseXml,
  serializeDocument,
  type XmlElement,
  type XmlNode,
} from '../src/index';
import { xmlName, xmlText } from './arbitraries';

/** Adjacent text nodes merge and empty ones vanish on parse, so trees are compared in that normal form. */
const normalise = (el: XmlElement): XmlElement => {
  const children: XmlNode[] = [];
  for (const child of el.children) {
    const next = typeof child === 'string' ? child : normalise(child);
    const last = children.at(-1);
    if (typeof next === 'string' && typeof last === 'string') children[children.length - 1] = last + next;
    else if (next !== '') children.push(next);
  }
  return { name: el.name, attributes: { ...el.attributes }, children };
};

const plain = (el: XmlElement): unknown => ({
  name: el.name,
  attributes: { ...el.attributes },
  children: el.children.map((c) => (typeof c === 'string' ? c : plain(c))),
});

const tree: fc.Arbitrary<XmlElement> = fc.letrec<{ node: XmlElement }>((tie) => ({
  node: fc
    .record({
      name: xmlName,
      attributes: fc.dictionary(xmlName, xmlText(), { maxKeys: 3 }),
      children: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, xmlText(), tie('node')), {
        maxLength: 4,
      }),
    })
    .map(({ name, attributes, children }) => element(name, children, attributes)),
})).node;

const reason = (input: string, limits = DEFAULT_XML_LIMITS): string => {
  try {
    parseXml(input, limits);
  } catch (error) {
    if (error instanceof FpolicyFrameError) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('parseXml', () => {
  it('round-trips any generated element tree through serialise → parse', () => {
    fc.assert(
      fc.property(tree, (root) => {
        expect(plain(parseXml(serializeDocument(root)))).toEqual(plain(normalise(root)));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes the five predefined entities and decimal/hex character references', () => {
    const root = parseXml('<a t="&quot;&#x9;">&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;&#233;</a>');
    expect(root.children).toEqual(['<>&"\'A😀é']);
    expect(root.attributes.t).toBe('"\t');
  });

  it('normalises line ends in text and whitespace in attributes as XML 1.0 requires', () => {
    const root = parseXml('<a v="x\r\ny\tz">l1\r\nl2\rl3</a>');
    expect(root.children).toEqual(['l1\nl2\nl3']);
    expect(root.attributes.v).toBe('x y z');
  });

  it('keeps CDATA as text and ignores comments and processing instructions', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?><!-- c --><a>x<!-- y --><![CDATA[<&>]]>z<?pi data?></a>',
    );
    expect(root.children).toEqual(['x<&>z']);
  });

  it('does not let attribute names reach the object prototype', () => {
    const root = parseXml('<a __proto__="x" constructor="y"/>');
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    expect(Object.entries(root.attributes)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a><a/>', 'xml-forbidden-markup'],
    [
      'an internal subset with an entity (billion laughs)',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>',
      'xml-forbidden-markup',
    ],
    [
      'an external entity (XXE)',
      '<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>',
      'xml-forbidden-markup',
    ],
    ['an ENTITY declaration inside the element', '<a><!ENTITY x "y"></a>', 'xml-forbidden-markup'],
    ['an undeclared entity reference', '<a>&xxe;</a>', 'xml-malformed'],
    ['a reference to NUL', '<a>&#0;</a>', 'xml-malformed'],
    ['a reference to a surrogate', '<a>&#xD800;</a>', 'xml-malformed'],
    ['a bare ampersand', '<a>fish & chips</a>', 'xml-malformed'],
    ['a raw control character', '<a>\u0001</a>', 'xml-malformed'],
    ['mismatched tags', '<a><b></a></b>', 'xml-malformed'],
    ['an unclosed root', '<a><b/>', 'xml-malformed'],
    ['two roots', '<a/><b/>', 'xml-malformed'],
    ['text after the root', '<a/>junk', 'xml-malformed'],
    ['a duplicate attribute', '<a x="1" x="2"/>', 'xml-malformed'],
    ['an unquoted attribute', '<a x=1/>', 'xml-malformed'],
    ['an empty document', '', 'xml-malformed'],
    ['a misplaced XML declaration', '<a><?xml version="1.0"?></a>', 'xml-malformed'],
  ])('refuses %s', (_what, input, expected) => {
    expect(reason(input)).toBe(expected);
  });

  it('refuses nesting deeper than maxDepth without using the call stack', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    expect(reason(deep)).toBe('xml-limit-exceeded');
    expect(reason(`${'<a>'.repeat(32)}${'</a>'.repeat(32)}`)).toBe('accepted');
    expect(reason(`${'<a>'.repeat(33)}${'</a>'.repeat(33)}`)).toBe('xml-limit-exceeded');
  });

  it('refuses documents above the element count and size limits', () => {
    const limits = { ...DEFAULT_XML_LIMITS, maxElements: 10, maxChars: 100 };
    expect(reason(`<r>${'<b/>'.repeat(9)}</r>`, limits)).toBe('accepted');
    expect(reason(`<r>${'<b/>'.repeat(10)}</r>`, limits)).toBe('xml-limit-exceeded');
    expect(reason(`<r>${'x'.repeat(100)}</r>`, limits)).toBe('xml-limit-exceeded');
  });

  it('throws nothing but FpolicyFrameError for arbitrary input', () => {
    const soup = fc.array(
      fc.oneof(
        fc.constantFrom(
          '<',
          '>',
          '/',
          '<!',
          '<?',
          '&',
          ';',
          '"',
          '=',
          ' ',
          'a',
          '<a>',
          '</a>',
          '<![CDATA[',
          ']]>',
          '<!--',
          '-->',
          '&#x',
          '&amp;',
        ),
        fc.string(),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(soup, (parts) => {
        const r = reason(parts.join(''));
        expect(typeof r).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('serializeDocument', () => {
  it('writes on one line with the ONTAP declaration and escapes markup characters', () => {
    expect(serializeDocument(element('A', [element('B', ['x<&>"\r']), element('C')], { k: 'a"\n' }))).toBe(
      '<?xml version="1.0"?><A k="a&quot;&#10;"><B>x&lt;&amp;&gt;"&#13;</B><C/></A>',
    );
  });

  it('refuses characters XML 1.0 cannot carry and invalid names', () => {
    expect(() => serializeDocument(element('A', ['\u0000']))).toThrow(FpolicyEncodeError);
    expect(() => serializeDocument(element('A', ['\uD800']))).toThrow(FpolicyEncodeError);
    expect(() => serializeDocument(element('1A'))).toThrow(FpolicyEncodeError);
    expect(() => serializeDocument(element('A><B'))).toThrow(FpolicyEncodeError);
  });
});
