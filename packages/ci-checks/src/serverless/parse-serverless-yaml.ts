import { parseCfnYaml } from '@fsxn/local-stack';
import { CiCheckError } from '../errors';

/**
 * Parses a serverless.yml (or a file it includes) as written: `${...}` variables stay unresolved strings and
 * CloudFormation short forms become their long forms (the local stack's reader, so CI and local runs agree).
 */
export const parseServerlessYaml = (text: string, source: string): unknown => {
  try {
    return parseCfnYaml(text);
  } catch (error) {
    throw new CiCheckError(`${source} is not valid YAML`, { cause: error });
  }
};
