/** The engine's stack overflow: what parsing or walking very deeply nested code ends in. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/iu.test(error.message);
}

/** What a stack overflow means for the file being read, as the end of a reason. */
export const NESTED_TOO_DEEPLY = 'nested too deeply to read';
