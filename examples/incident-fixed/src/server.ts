import 'reflect-metadata';
import { createServer } from 'node:http';
import { AppDataSource } from './data-source.js';
import { AgentExecution } from './models/AgentExecution.js';
import { CreditTransaction } from './models/CreditTransaction.js';
import { Subscription } from './models/Subscription.js';

/** Models the request handlers need, probed once at start-up. */
const REQUIRED_MODELS = [Subscription, CreditTransaction, AgentExecution];

/** Why the service is not ready yet; `undefined` once it is. */
let notReady: string | undefined = 'starting';

async function start(): Promise<void> {
  await AppDataSource.initialize();
  // Applies 1721433600000-AddBillingAndAgentTables on the first start after the fix.
  await AppDataSource.runMigrations({ transaction: 'each' });
  try {
    for (const model of REQUIRED_MODELS) {
      await AppDataSource.getRepository(model).count();
    }
    notReady = undefined;
  } catch (error) {
    notReady = error instanceof Error ? error.message : String(error);
    console.error(`readiness check failed: ${notReady}`);
  }
}

const server = createServer((req, res) => {
  // Liveness only proves the process is up; this is what the deploy pipeline checked.
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  if (notReady !== undefined) {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
    res.end(JSON.stringify({ error: 'service_unavailable', detail: notReady }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, path: req.url }));
});

server.listen(Number(process.env.PORT ?? 3000), () => {
  void start();
});
