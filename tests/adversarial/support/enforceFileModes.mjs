/**
 * Preloaded (`node --import`) into an ESLint CLI run as root when the unprivileged `nobody` cannot
 * reach the repository (a checkout under a private home directory): root reads files whatever
 * their mode, so this makes the read functions refuse, with EACCES, a path whose mode grants no
 * read permission at all, as the kernel would for any other user. Everything else is real.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { URL } from 'node:url';

function refuseUnreadable(name) {
  const original = fs[name];
  fs[name] = function readRespectingMode(target, ...rest) {
    if (typeof target === 'string' || target instanceof URL) {
      const stats = fs.statSync(target, { throwIfNoEntry: false });
      if (stats !== undefined && (stats.mode & 0o444) === 0) {
        const error = new Error(`EACCES: permission denied, ${name} '${String(target)}'`);
        Object.assign(error, { code: 'EACCES', errno: -13, syscall: name === 'readdirSync' ? 'scandir' : 'open', path: String(target) });
        throw error;
      }
    }
    return original.call(this, target, ...rest);
  };
}

for (const name of ['readFileSync', 'readdirSync', 'openSync', 'opendirSync']) refuseUnreadable(name);
syncBuiltinESMExports();
