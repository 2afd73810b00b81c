import { InferenceError } from '../../errors';

/**
 * A small logic-less template language for offline reports, so the local pipeline writes a report
 * from computed facts where AWS would ask a model to write prose:
 *   {{path.to.value}}                   value (arrays joined with ", ")
 *   {{#each list}}…{{this}}…{{.field}}…{{@index}}…{{/each}}
 *   {{#if path}}…{{else}}…{{/if}}       truthy test (empty arrays are false)
 * A path that does not exist is an error: a report must not silently print blanks.
 */
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; path: string }
  | { kind: 'each'; path: string; body: Node[] }
  | { kind: 'if'; path: string; whenTrue: Node[]; otherwise: Node[] };

const TAG = /\{\{\s*([#/]?)(each|if|else)?\s*([^}]*?)\s*\}\}/g;

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: { nodes: Node[]; block?: Extract<Node, { kind: 'each' | 'if' }>; inElse?: boolean }[] = [
    { nodes: root },
  ];
  let last = 0;
  const top = () => {
    const frame = stack[stack.length - 1];
    if (frame === undefined) throw new InferenceError('template stack underflow', { transient: false });
    return frame;
  };
  for (const match of template.matchAll(TAG)) {
    if (match.index > last) top().nodes.push({ kind: 'text', text: template.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, sigil, keyword, rest = ''] = match;
    if (sigil === '#' && (keyword === 'each' || keyword === 'if')) {
      const block: Extract<Node, { kind: 'each' | 'if' }> =
        keyword === 'each'
          ? { kind: 'each', path: rest, body: [] }
          : { kind: 'if', path: rest, whenTrue: [], otherwise: [] };
      top().nodes.push(block);
      stack.push({ nodes: block.kind === 'each' ? block.body : block.whenTrue, block });
    } else if (sigil === '/' && (keyword === 'each' || keyword === 'if')) {
      const frame = top();
      if (frame.block?.kind !== keyword)
        throw new InferenceError(`template: unexpected {{/${keyword}}}`, { transient: false });
      stack.pop();
    } else if (sigil === '' && keyword === 'else' && rest === '') {
      const frame = top();
      if (frame.block?.kind !== 'if' || frame.inElse)
        throw new InferenceError('template: {{else}} outside {{#if}}', { transient: false });
      frame.nodes = frame.block.otherwise;
      frame.inElse = true;
    } else {
      top().nodes.push({ kind: 'value', path: `${keyword ?? ''}${rest}`.trim() });
    }
  }
  if (stack.length !== 1) throw new InferenceError('template: unclosed block', { transient: false });
  if (last < template.length) root.push({ kind: 'text', text: template.slice(last) });
  return root;
}

interface Scope {
  readonly data: unknown;
  readonly item?: unknown;
  readonly index?: number;
}

function lookup(path: string, scope: Scope): unknown {
  if (path === 'this') return scope.item;
  if (path === '@index') {
    if (scope.index === undefined) throw new InferenceError('template: @index outside {{#each}}', { transient: false });
    return scope.index;
  }
  const relative = path.startsWith('.');
  let current: unknown = relative ? scope.item : scope.data;
  for (const part of (relative ? path.slice(1) : path).split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) {
      throw new InferenceError(`template: no value for "${path}"`, { transient: false });
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const show = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

function render(nodes: readonly Node[], scope: Scope): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'value') out += show(lookup(node.path, scope));
    else if (node.kind === 'if')
      out += render(truthy(lookup(node.path, scope)) ? node.whenTrue : node.otherwise, scope);
    else {
      const list = lookup(node.path, scope);
      if (!Array.isArray(list))
        throw new InferenceError(`template: "${node.path}" is not a list`, { transient: false });
      list.forEach((item, index) => {
        out += render(node.body, { data: scope.data, item, index });
      });
    }
  }
  return out;
}

export function renderReportTemplate(template: string, data: Readonly<Record<string, unknown>>): string {
  return render(parse(template), { data });
}
