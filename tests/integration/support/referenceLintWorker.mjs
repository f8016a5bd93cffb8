// A reference linter in its own worker thread, hence its own copy of every module: before each
// request it drops all orm-guard caches and builds a new ESLint, as a fresh process would.
import { parentPort, workerData } from 'node:worker_threads';
import { ESLint } from 'eslint';

const { default: plugin, clearCaches } = await import(workerData.pluginUrl);

parentPort.on('message', async ({ root, config, unsaved }) => {
  clearCaches();
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.strict, config] });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const unsavedResults = unsaved === undefined ? [] : await eslint.lintText(unsaved.text, { filePath: unsaved.filePath });
  parentPort.postMessage({ results: results.map(strip), unsavedResults: unsavedResults.map(strip) });
});

function strip(result) {
  return { filePath: result.filePath, messages: result.messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })) };
}
