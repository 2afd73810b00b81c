import { LocalStackError } from '../errors';
import { isRecord } from '../util/is-record';

/** What Ref/GetAtt/Sub need to turn a template value into the string it has at deploy time. */
export interface IntrinsicContext {
  stackName: string;
  region: string;
  accountId: string;
  /** CloudFormation Resources of the service (logical id → resource). */
  resources: Readonly<Record<string, unknown>>;
  /** Physical names of resources that exist locally, e.g. DynamoDB tables created from the template. */
  physicalNames?: Readonly<Record<string, string>>;
  /** Function key → deployed function name, so that `!GetAtt fn.Arn` and `!Ref fnLambdaFunction` resolve. */
  functionNames?: Readonly<Record<string, string>>;
}

export class IntrinsicError extends LocalStackError {
  override readonly name = 'IntrinsicError';
}

const resourceOf = (ctx: IntrinsicContext, id: string): { Type?: unknown; Properties?: unknown } | undefined => {
  const r = ctx.resources[id];
  return isRecord(r) ? r : undefined;
};

const ARN_SERVICE: Record<string, [service: string, resourcePrefix: string]> = {
  'AWS::DynamoDB::Table': ['dynamodb', 'table/'],
  'AWS::SNS::Topic': ['sns', ''],
  'AWS::SQS::Queue': ['sqs', ''],
  'AWS::S3::Bucket': ['s3', ''],
  'AWS::Events::EventBus': ['events', 'event-bus/'],
  'AWS::StepFunctions::StateMachine': ['states', 'stateMachine:'],
  'AWS::Lambda::Function': ['lambda', 'function:'],
};

const NAME_PROPERTY = ['TableName', 'TopicName', 'QueueName', 'BucketName', 'Name', 'StateMachineName', 'FunctionName'];

/**
 * Evaluates the CloudFormation intrinsic functions a local run needs (Ref, Fn::GetAtt for Arn/Name,
 * Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If on AWS::NoValue-free values) to the strings they would
 * have after deployment, with local physical names. Unknown shapes throw so nothing silently turns into
 * "[object Object]".
 */
export class IntrinsicEvaluator {
  constructor(private readonly ctx: IntrinsicContext) {}

  evaluate(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.evaluate(v));
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    const [fn] = keys;
    if (keys.length === 1 && fn !== undefined && (fn === 'Ref' || fn.startsWith('Fn::'))) {
      return this.evaluateFunction(fn, value[fn]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.evaluate(v);
    return out;
  }

  evaluateString(value: unknown, where: string): string {
    const result = this.evaluate(value);
    if (typeof result === 'string') return result;
    if (typeof result === 'number' || typeof result === 'boolean') return String(result);
    throw new IntrinsicError(`${where} does not evaluate to a string locally: ${JSON.stringify(value)}`);
  }

  physicalName(logicalId: string): string {
    const known = this.ctx.physicalNames?.[logicalId];
    if (known) return known;
    const fn = this.functionKeyOf(logicalId);
    if (fn !== undefined) return this.ctx.functionNames?.[fn] ?? fn;
    const resource = resourceOf(this.ctx, logicalId);
    if (resource && isRecord(resource.Properties)) {
      for (const prop of NAME_PROPERTY) {
        const name = resource.Properties[prop];
        if (name !== undefined) return this.evaluateString(name, `${logicalId}.Properties.${prop}`);
      }
    }
    return logicalId;
  }

  arnOf(logicalId: string): string {
    const fn = this.functionKeyOf(logicalId);
    const type = fn !== undefined ? 'AWS::Lambda::Function' : String(resourceOf(this.ctx, logicalId)?.Type ?? '');
    const arnShape = ARN_SERVICE[type];
    if (!arnShape) throw new IntrinsicError(`Fn::GetAtt ${logicalId}.Arn: resource type "${type}" has no local ARN`);
    const [service, prefix] = arnShape;
    const name = this.physicalName(logicalId);
    if (service === 's3') return `arn:aws:s3:::${name}`;
    return `arn:aws:${service}:${this.ctx.region}:${this.ctx.accountId}:${prefix}${name}`;
  }

  /** Function key for `parse`, `ParseLambdaFunction` (the logical id serverless generates), or undefined. */
  functionKeyOf(idOrKey: string): string | undefined {
    const names = this.ctx.functionNames ?? {};
    if (idOrKey in names) return idOrKey;
    for (const key of Object.keys(names)) if (functionLogicalId(key) === idOrKey) return key;
    return undefined;
  }

  private evaluateFunction(fn: string, arg: unknown): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg));
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        if (id === undefined) throw new IntrinsicError('Fn::GetAtt needs a logical id');
        if (attribute === 'Arn') return this.arnOf(id);
        if (attribute === 'Name' || attribute === 'TopicName' || attribute === 'QueueName')
          return this.physicalName(id);
        throw new IntrinsicError(`Fn::GetAtt ${id}.${attribute} is not available locally`);
      }
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new IntrinsicError('Fn::Join takes [delimiter, list]');
        const list = this.evaluate(arg[1]);
        if (!Array.isArray(list)) throw new IntrinsicError('Fn::Join list must be an array');
        return list.map((v, i) => this.evaluateString(v, `Fn::Join[${i}]`)).join(String(arg[0]));
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new IntrinsicError('Fn::Select takes [index, list]');
        const list = this.evaluate(arg[1]);
        if (!Array.isArray(list)) throw new IntrinsicError('Fn::Select list must be an array');
        return list[Number(this.evaluate(arg[0]))];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new IntrinsicError('Fn::Split takes [delimiter, string]');
        return this.evaluateString(arg[1], 'Fn::Split').split(String(arg[0]));
      }
      default:
        throw new IntrinsicError(`${fn} is not evaluated locally: ${JSON.stringify(arg)}`);
    }
  }

  private ref(id: string): string {
    switch (id) {
      case 'AWS::Region':
        return this.ctx.region;
      case 'AWS::AccountId':
        return this.ctx.accountId;
      case 'AWS::StackName':
        return this.ctx.stackName;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      default: {
        const type = resourceOf(this.ctx, id)?.Type;
        // Ref of a topic is its ARN and of a queue its URL; of tables, buckets and functions their name.
        if (type === 'AWS::SNS::Topic' || type === 'AWS::StepFunctions::StateMachine') return this.arnOf(id);
        if (type === 'AWS::SQS::Queue') {
          return `https://sqs.${this.ctx.region}.amazonaws.com/${this.ctx.accountId}/${this.physicalName(id)}`;
        }
        if (type !== undefined || this.functionKeyOf(id) !== undefined || this.ctx.physicalNames?.[id]) {
          return this.physicalName(id);
        }
        throw new IntrinsicError(`Ref ${id}: no such resource or pseudo parameter`);
      }
    }
  }

  private sub(arg: unknown): string {
    const [template, variables] = Array.isArray(arg) ? [String(arg[0]), arg[1]] : [String(arg), undefined];
    const vars = isRecord(variables) ? variables : {};
    return template.replace(/\$\{(!?)([^}]+)\}/g, (whole, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (name in vars) return this.evaluateString(vars[name], `Fn::Sub ${name}`);
      const [id = '', attribute] = name.split('.', 2);
      return attribute ? this.evaluateString({ 'Fn::GetAtt': [id, attribute] }, `Fn::Sub ${whole}`) : this.ref(id);
    });
  }
}

/** The logical id serverless gives a function's AWS::Lambda::Function resource (`parse-file` → `ParseDashfileLambdaFunction`). */
export const functionLogicalId = (key: string): string => {
  const normalized = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
};
