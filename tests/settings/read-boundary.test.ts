/**
 * Reads stay inside rootDir: paths inferred from ORM configs that climb out of the root are refused
 * with a note, the inference reader never reads a path outside the root, and symbolic links inside
 * the root are followed (as globbing libraries do), which is documented in SECURITY.md.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryListingCache } from '../../src/project/fileStateCache.js';
import { createGlobMatcher } from '../../src/project/globMatcher.js';
import { listProjectFiles } from '../../src/project/listProjectFiles.js';
import { toPosixPath } from '../../src/settings/resolveRootDir.js';
import { InferenceContext } from '../../src/zeroConfig/inferenceContext.js';
import { inferProjectConfig } from '../../src/zeroConfig/inferProjectConfig.js';
import { createFsProjectFileReader, type ProjectFileReader } from '../../src/zeroConfig/projectFiles.js';

const sandbox = mkdtempSync(path.join(os.tmpdir(), 'orm-guard-boundary-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = path.join(sandbox, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('zero-config inference', () => {
  it('refuses a migrations folder an ORM config places outside the root, and says so', () => {
    const root = project('knex-outside', {
      'package.json': '{ "name": "app", "dependencies": { "knex": "^3.0.0" } }\n',
      'knexfile.js': "module.exports = { client: 'pg', migrations: { directory: '../shared/migrations' } };\n",
    });
    project('shared', { 'migrations/001_users.js': "exports.up = (knex) => knex.schema.createTable('users', () => {});\n" });
    const inferred = inferProjectConfig(createFsProjectFileReader(root));
    expect(inferred.migrations).toEqual([]);
    expect(inferred.notes.join('\n')).toContain('points outside the project root');
  });

  it('never asks the reader for a path that leaves the root', () => {
    const asked: string[] = [];
    const reader: ProjectFileReader = {
      readText: (relativePath) => {
        asked.push(relativePath);
        return '';
      },
      listDirectory: (relativePath) => {
        asked.push(relativePath);
        return [];
      },
    };
    const context = new InferenceContext(reader);
    expect(context.readText('../secrets.json')).toBeUndefined();
    expect(context.readText('src/../../secrets.json')).toBeUndefined();
    expect(context.list('..')).toEqual([]);
    expect(context.readText('src/config.json')).toBe('');
    expect(asked).toEqual(['src/config.json']);
  });
});

describe('symbolic links inside the root', () => {
  it('are followed, like globbing libraries do: the link is part of the project tree', () => {
    const outside = project('outside-target', { '001_users.sql': 'CREATE TABLE users (id int);\n' });
    const root = project('linked', { 'package.json': '{}\n' });
    mkdirSync(path.join(root, 'db'));
    symlinkSync(outside, path.join(root, 'db/migrations'), 'dir');
    const globs = ['db/migrations/*.sql'];
    const files = listProjectFiles({ rootDir: toPosixPath(root), globs, include: createGlobMatcher(globs), ignore: createGlobMatcher([]), listings: new DirectoryListingCache() });
    expect(files).toEqual(['db/migrations/001_users.sql']);
  });
});
