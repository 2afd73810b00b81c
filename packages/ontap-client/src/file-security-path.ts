import { OntapInputError } from './errors';

/**
 * The file-security API addresses a file by its SVM namespace path (junction path + sub-path) sent as
 * ONE path segment: every `/` becomes `%2F` and every `\` `%5C`. An unencoded slash makes ONTAP answer
 * 404 "Unexpected argument" (the reference client's bug), and there is no volume uuid in the URL.
 */
export const encodeNamespacePath = (namespacePath: string): string => {
  if (!namespacePath.startsWith('/')) {
    throw new OntapInputError(`A namespace path must start with "/": ${JSON.stringify(namespacePath)}`);
  }
  try {
    return encodeURIComponent(namespacePath);
  } catch {
    // Lone UTF-16 surrogates cannot be percent-encoded.
    throw new OntapInputError('A namespace path must be well-formed Unicode');
  }
};

export const decodeNamespacePath = (segment: string): string => decodeURIComponent(segment);

export const fileSecurityPath = (svmUuid: string, namespacePath: string): string =>
  `/protocols/file-security/permissions/${encodeURIComponent(svmUuid)}/${encodeNamespacePath(namespacePath)}`;
