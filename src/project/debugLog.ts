/** Debug lines go to stderr, so they never mix with a formatter's output on stdout. */
export function debugLog(message: string): void {
  process.stderr.write(`[orm-guard] ${message}\n`);
}
