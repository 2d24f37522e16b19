/**
 * Recognising secret material by name or by content. Only ever answers
 * yes/no: callers report names and paths, never the values themselves.
 */

// Compiled once; names are matched case-insensitively anywhere in the name.
const SENSITIVE_NAME =
  /password|passwd|secret|token|apikey|api_key|api-key|private_key|privatekey|credential|access_key|bearer/i;

/** True when a variable or key name suggests it holds a secret. @public */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

/** True when text contains a PEM private key. @public */
export function containsPrivateKey(text: string): boolean {
  const begin = text.indexOf('-----BEGIN');
  return begin >= 0 && text.indexOf('PRIVATE KEY', begin) >= 0;
}

// Decoding huge binary blobs to look for a PEM header is not worth it.
const MAX_DECODED_LENGTH = 1 << 20;
const WHITESPACE = /\s+/g;

/** Decodes base64 (as in ConfigMap `binaryData`); undefined if it is not base64. */
export function decodeBase64(text: string): string | undefined {
  if (text.length > MAX_DECODED_LENGTH) return undefined;
  const decode = (globalThis as { atob?: (data: string) => string }).atob;
  if (!decode) return undefined;
  try {
    return decode(text.replace(WHITESPACE, ''));
  } catch {
    return undefined;
  }
}
