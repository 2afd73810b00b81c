import { readFileSync } from 'node:fs';
import { extname, resolve as resolvePath } from 'node:path';
import { isRecord } from '../util/is-record';
import { parseCfnYaml } from './cfn-yaml';
import { ServiceConfigError } from './errors';

/** Everything osls variables can read from outside serverless.yml itself. */
export interface VariableContext {
  stage: string;
  region: string;
  accountId: string;
  /** `${opt:…}` (CLI options); `stage` and `region` are always present. */
  options: Readonly<Record<string, string | undefined>>;
  /** `${param:…}` values that win over the `params` block of the file. */
  params: Readonly<Record<string, string>>;
  env: Readonly<Record<string, string | undefined>>;
  /** `${file(…)}` paths are relative to this directory. */
  serviceDir: string;
}

interface VariableSpan {
  start: number;
  end: number;
  expression: string;
}

/**
 * `source:address` or `source(arg)` / `source(arg):address`. Anything else inside `${…}` (e.g.
 * `${AWS::Region}` or `${Bucket}` in a `!Sub`) is CloudFormation's and is left alone.
 */
const SOURCE_PATTERN = /^(?:([A-Za-z][\w-]*)\((.*?)\)(?::(.*))?|([A-Za-z][\w-]*):(.*))$/s;
const parseSource = (text: string) => {
  const m = SOURCE_PATTERN.exec(text);
  if (!m) return undefined;
  return m[1] !== undefined
    ? { source: m[1], arg: m[2] ?? '', address: (m[3] ?? '').trim() }
    : { source: m[4] ?? '', arg: undefined, address: (m[5] ?? '').trim() };
};
const isVariableExpression = (expression: string) =>
  !expression.trimStart().startsWith('AWS::') && parseSource(splitTopLevel(expression)[0]?.trim() ?? '') !== undefined;

/** Finds the top-level `${…}` spans of a string, honouring nesting and quotes inside them. */
export const scanVariables = (text: string): VariableSpan[] => {
  const spans: VariableSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    let depth = 1;
    let quote: string | undefined;
    let j = start + 2;
    for (; j < text.length && depth > 0; j++) {
      const ch = text[j];
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') {
        quote = ch;
      } else if (ch === '{') {
        depth++;
      } else if (ch === '}') {
        depth--;
      }
    }
    if (depth > 0) break;
    const expression = text.slice(start + 2, j - 1);
    if (isVariableExpression(expression)) spans.push({ start, end: j, expression });
    i = isVariableExpression(expression) ? j : start + 2;
  }
  return spans;
};

/** Splits on commas that are not inside quotes, parentheses or nested `${…}`. */
const splitTopLevel = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '{' || ch === '(') {
      depth++;
    } else if (ch === '}' || ch === ')') {
      depth--;
    } else if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
};

const childOf = (value: unknown, key: string): unknown => {
  if (Array.isArray(value)) return value[Number(key)];
  return isRecord(value) ? value[key] : undefined;
};

/** Sources that need AWS; offline they only resolve through a fallback. */
const AWS_ONLY_SOURCES = new Set(['cf', 'ssm', 's3', 'sm', 'secretsmanager']);

/**
 * Resolves the osls (Serverless Framework v3) variables of a parsed serverless.yml: `${self:…}`,
 * `${sls:stage}`, `${opt:x, 'default'}`, `${param:x}`, `${aws:region}`, `${aws:accountId}`,
 * `${env:X, default}`, `${file(./x.yml):key}`, nested and with fallbacks.
 */
export class VariableResolver {
  private readonly resolvedPaths = new Map<string, unknown>();
  private readonly inProgress = new Set<string>();
  private readonly files = new Map<string, unknown>();

  constructor(
    private readonly root: unknown,
    private readonly ctx: VariableContext,
  ) {}

  resolveAll(): unknown {
    return this.resolveNode(this.root, 'self:');
  }

  private resolveNode(node: unknown, where: string): unknown {
    if (typeof node === 'string') return this.resolveString(node, where);
    if (Array.isArray(node)) return node.map((item, i) => this.resolveNode(item, `${where}.${i}`));
    if (isRecord(node)) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        const resolvedKey = this.resolveString(key, where);
        out[String(resolvedKey)] = this.resolveNode(value, `${where}.${key}`);
      }
      return out;
    }
    return node;
  }

  private resolveString(text: string, where: string): unknown {
    const spans = scanVariables(text);
    const [first] = spans;
    if (!first) return text;
    if (spans.length === 1 && first.start === 0 && first.end === text.length) {
      return this.evaluate(first.expression, where);
    }
    let out = '';
    let last = 0;
    for (const span of spans) {
      const value = this.evaluate(span.expression, where);
      if (typeof value === 'object' && value !== null) {
        throw new ServiceConfigError(
          `Variable \${${span.expression}} at ${where} resolves to an object and cannot be embedded in a string`,
        );
      }
      out += text.slice(last, span.start) + String(value);
      last = span.end;
    }
    return out + text.slice(last);
  }

  private evaluate(expression: string, where: string): unknown {
    const [primary = '', ...fallbacks] = splitTopLevel(expression);
    const value = this.evaluateSource(primary, where);
    if (value !== undefined && value !== null) return value;
    for (const fallback of fallbacks) {
      const candidate = this.evaluateFallback(fallback.trim(), where);
      if (candidate !== undefined && candidate !== null) return candidate;
    }
    const source = primary.trim().split(':', 1)[0] ?? '';
    const hint = AWS_ONLY_SOURCES.has(source)
      ? ' (this source needs AWS; give a fallback or a param for local runs)'
      : '';
    throw new ServiceConfigError(`Cannot resolve variable \${${expression}} at ${where}${hint}`);
  }

  private evaluateFallback(text: string, where: string): unknown {
    const quoted = /^(['"])(.*)\1$/s.exec(text);
    if (quoted) return quoted[2];
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (text === 'true' || text === 'false') return text === 'true';
    if (text.includes('${')) return this.resolveString(text, where);
    if (parseSource(text)) return this.evaluateSource(text, where);
    throw new ServiceConfigError(`Invalid fallback "${text}" at ${where}: quote literal values`);
  }

  private evaluateSource(text: string, where: string): unknown {
    const expanded = this.resolveString(text.trim(), where);
    if (typeof expanded !== 'string') {
      throw new ServiceConfigError(`Variable address at ${where} must be a string`);
    }
    const parsed = parseSource(expanded);
    if (!parsed) throw new ServiceConfigError(`Malformed variable \${${text}} at ${where}`);
    const { source, arg, address } = parsed;
    switch (source) {
      case 'self':
        return this.resolveSelf(address);
      case 'sls':
        if (address === 'stage') return this.ctx.stage;
        if (address === 'instanceId') return 'local-instance';
        throw new ServiceConfigError(`Unknown sls variable "${address}" at ${where}`);
      case 'opt':
        return this.ctx.options[address];
      case 'env':
        return this.ctx.env[address];
      case 'aws':
        if (address === 'region') return this.ctx.region;
        if (address === 'accountId') return this.ctx.accountId;
        throw new ServiceConfigError(`Unknown aws variable "${address}" at ${where}`);
      case 'param':
        return this.resolveParam(address);
      case 'file':
        return this.resolveFile((arg ?? '').trim(), address, where);
      default:
        if (AWS_ONLY_SOURCES.has(source)) return undefined;
        throw new ServiceConfigError(`Unsupported variable source "${source}" at ${where}`);
    }
  }

  private resolveParam(name: string): unknown {
    const given = this.ctx.params[name];
    if (given !== undefined) return given;
    const forStage = this.resolveSelf(`params.${this.ctx.stage}.${name}`);
    if (forStage !== undefined) return forStage;
    return this.resolveSelf(`params.default.${name}`);
  }

  /** Walks a dotted path of the configuration, resolving the nodes it passes through. */
  private resolveSelf(address: string): unknown {
    const key = address;
    if (this.resolvedPaths.has(key)) return this.resolvedPaths.get(key);
    if (this.inProgress.has(key)) throw new ServiceConfigError(`Circular variable reference through self:${key}`);
    this.inProgress.add(key);
    try {
      const segments = address === '' ? [] : address.split('.');
      let node: unknown = this.root;
      let at = 'self:';
      for (const segment of segments) {
        if (typeof node === 'string') node = this.resolveString(node, at);
        node = childOf(node, segment);
        at = `${at}${at.endsWith(':') ? '' : '.'}${segment}`;
        if (node === undefined) break;
      }
      const value = node === undefined ? undefined : this.resolveNode(node, at);
      this.resolvedPaths.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private resolveFile(rawPath: string, address: string, where: string): unknown {
    const relative = rawPath.replace(/^(['"])(.*)\1$/, '$2');
    const path = resolvePath(this.ctx.serviceDir, relative);
    if (!this.files.has(path)) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (cause) {
        throw new ServiceConfigError(`Cannot read ${relative} referenced at ${where}`, { cause });
      }
      const ext = extname(path).toLowerCase();
      if (ext !== '.json' && ext !== '.yml' && ext !== '.yaml') {
        throw new ServiceConfigError(
          `\${file(${relative})} at ${where}: only .yml, .yaml and .json files are supported`,
        );
      }
      const parsed = ext === '.json' ? JSON.parse(text) : parseCfnYaml(text);
      this.files.set(path, this.resolveNode(parsed, `file(${relative})`));
    }
    let node = this.files.get(path);
    if (address) for (const segment of address.split('.')) node = childOf(node, segment);
    return node;
  }
}
