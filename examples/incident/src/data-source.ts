import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';
import { ApiKey } from './models/ApiKey.js';
import { Organization } from './models/Organization.js';
import { Subscription } from './models/Subscription.js';
import { User } from './models/User.js';

// The model registry. It lists the classes under src/models/ by hand; the entities in
// src/billing/models/ and src/agents/entities/ were never added here.
export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [User, Organization, ApiKey, Subscription],
  migrations,
  migrationsTableName: 'typeorm_migrations',
  synchronize: false,
  logging: ['error', 'migration'],
});
