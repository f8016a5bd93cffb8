// Lints this example with the plugin built from this repository (`npm run build` at the repo root).
// In a real project: `import ormGuard from 'eslint-plugin-orm-guard';`
import ormGuard from '../../dist/src/index.js';

export default [
  {
    ...ormGuard.configs.recommended,
    files: ['src/**/*.ts'],
    settings: {
      'orm-guard': {
        rootDir: import.meta.dirname,
        orm: 'typeorm',
        models: ['src/models/**/*.ts'],
        migrations: ['src/migrations/*.ts'],
        ignore: [],
      },
    },
  },
];
