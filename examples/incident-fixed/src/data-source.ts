import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';
import { AgentExecution } from './models/AgentExecution.js';
import { ApiKey } from './models/ApiKey.js';
import { CreditTransaction } from './models/CreditTransaction.js';
import { Organization } from './models/Organization.js';
import { Subscription } from './models/Subscription.js';
import { User } from './models/User.js';

// The model registry: every entity lives in src/models/ and is listed here.
export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [User, Organization, ApiKey, Subscription, CreditTransaction, AgentExecution],
  migrations,
  migrationsTableName: 'typeorm_migrations',
  synchronize: false,
  logging: ['error', 'migration'],
});
