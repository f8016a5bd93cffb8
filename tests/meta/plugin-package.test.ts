import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const ruleFiles = readdirSync(path.join(ROOT, 'rules'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3));

describe('the plugin package', () => {
  it('takes meta.name and meta.version from package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'orm-guard' });
  });

  it('exports every rule module, and nothing else as a rule', () => {
    expect(Object.keys(rules).sort()).toEqual([...ruleFiles].sort());
    expect(plugin.rules).toBe(rules);
  });

  for (const name of ruleFiles) {
    describe(`rule ${name}`, () => {
      const rule = rules[name as keyof typeof rules];

      it('has a doc, a test and a docs URL pointing at the doc', () => {
        expect(existsSync(path.join(ROOT, 'docs/rules', `${name}.md`))).toBe(true);
        expect(existsSync(path.join(ROOT, 'tests/rules', `${name}.test.ts`))).toBe(true);
        expect(rule.meta.docs?.url).toBe(`https://github.com/orm-guard/eslint-plugin-orm-guard/blob/main/docs/rules/${name}.md`);
      });

      it('is in configs.recommended exactly when meta.docs.recommended says so, and always in configs.strict', () => {
        const inRecommended = plugin.configs.recommended.rules?.[`orm-guard/${name}`] === 'error';
        expect(inRecommended).toBe(rule.meta.docs?.recommended === true);
        expect(plugin.configs.strict.rules?.[`orm-guard/${name}`]).toBe('error');
      });

      it('has defaultOptions matching its schema shape and a description on every option', () => {
        const [schema] = rule.meta.schema as unknown as [{ properties: Record<string, { description?: string }>; additionalProperties: boolean }];
        expect(schema.additionalProperties).toBe(false);
        for (const property of Object.values(schema.properties)) expect(property.description).toMatch(/\w/u);
        const [defaults] = rule.meta.defaultOptions as [Record<string, unknown>];
        expect(Object.keys(defaults).sort()).toEqual(Object.keys(schema.properties).sort());
      });
    });
  }

  for (const configName of ['recommended', 'strict'] as const) {
    it(`has a named ${configName} flat config that registers the plugin and the TypeScript parser`, () => {
      const config = plugin.configs[configName];
      expect(config.name).toBe(`orm-guard/${configName}`);
      expect(config.plugins?.['orm-guard']).toBe(plugin);
      expect(config.languageOptions?.parser).toBeDefined();
    });
  }

  it('gives the plugin itself to require() of the built ESM entry', () => {
    const require = createRequire(import.meta.url);
    const required = require(path.join(ROOT, 'dist/src/index.js')) as typeof plugin;
    expect(required.meta).toEqual(plugin.meta);
    expect(Object.keys(required.rules).sort()).toEqual(Object.keys(rules).sort());
  });
});
