import * as E from 'fp-ts/Either';
import type { ApiError } from './errors';

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without parsing it (strings are
 * skipped, escapes included), so that a hostile body of a million `[` costs one pass and no stack.
 * Stops counting once `limit` is passed.
 */
export const jsonDepthExceeds = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
};

export interface JsonBodyOptions {
  readonly maxDepth: number;
}

/**
 * A request body as JSON: an empty body is `undefined` (routes without a body accept it); a body
 * that is not JSON, or nested deeper than `maxDepth`, is `InvalidJSON` before anything decodes it.
 */
export const parseJsonBody = (
  raw: Buffer | undefined,
  options: JsonBodyOptions,
): E.Either<ApiError, unknown> => {
  if (raw === undefined || raw.length === 0) return E.right(undefined);
  const text = raw.toString('utf8');
  if (text.trim() === '') return E.right(undefined);
  if (jsonDepthExceeds(text, options.maxDepth))
    return E.left({
      kind: 'InvalidJSON',
      description: `The body is nested deeper than ${options.maxDepth} levels`,
    });
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch {
    return E.left({ kind: 'InvalidJSON', description: 'The body is not valid JSON' });
  }
};
