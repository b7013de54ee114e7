/** An error's message, also for errors from another realm (a vm context), where instanceof Error fails. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
