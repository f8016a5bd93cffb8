import type { ProjectSettings } from '../settings/settingsShape.js';

/** `DEBUG=orm-guard` (or any DEBUG list naming it, or `orm-guard:*`), or the `debug` setting. */
export function isDebugEnabled(settings: Pick<ProjectSettings, 'debug'>): boolean {
  if (settings.debug) return true;
  const names = (process.env.DEBUG ?? '').split(/[\s,]+/u);
  return names.some((name) => name === 'orm-guard' || name === 'orm-guard:*' || name === '*');
}

export function debugLog(message: string): void {
  process.stderr.write(`[orm-guard] ${message}\n`);
}
