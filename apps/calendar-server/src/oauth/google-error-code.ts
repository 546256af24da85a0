/** Google's error code from a gaxios error (`invalid_grant`, …) or the error's message, for logs; never tokens. */
export function googleErrorCode(err: unknown): string {
  const data = (err as { response?: { data?: { error?: unknown } } }).response?.data;
  if (typeof data?.error === 'string') return data.error;
  return err instanceof Error ? err.message : String(err);
}
