/**
 * What to tell the user about a failed request: the backend's own words
 * when it refused it (a `ResponseError`'s body, e.g. "owner has "x", which
 * is not an entity ref"), else the error's message.
 */
export function serverMessageOf(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  const serverMessage = body?.error?.message;
  if (typeof serverMessage === 'string' && serverMessage) return serverMessage;
  return error instanceof Error ? error.message : String(error);
}
