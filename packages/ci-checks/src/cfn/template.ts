import { CiCheckError } from '../errors';
import { isJsonObject, type JsonObject } from '../json';

export interface CfnResource {
  readonly Type: string;
  readonly Properties: JsonObject;
  readonly attributes: JsonObject;
}

export interface CfnTemplate {
  readonly resources: ReadonlyMap<string, CfnResource>;
}

/** Parses the parsed JSON of a template into resources; throws when it is not a CloudFormation template. */
export const parseTemplate = (json: unknown, source = 'template'): CfnTemplate => {
  if (!isJsonObject(json) || !isJsonObject(json.Resources)) {
    throw new CiCheckError(`${source} is not a CloudFormation template: no Resources object`);
  }
  const resources = new Map<string, CfnResource>();
  for (const [id, raw] of Object.entries(json.Resources)) {
    if (!isJsonObject(raw) || typeof raw.Type !== 'string') {
      throw new CiCheckError(`${source}: resource ${id} has no string Type`);
    }
    const { Type, Properties, ...attributes } = raw;
    resources.set(id, { Type, Properties: isJsonObject(Properties) ? Properties : {}, attributes });
  }
  return { resources };
};
