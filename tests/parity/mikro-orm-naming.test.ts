import { createRequire } from 'node:module';
import { UnderscoreNamingStrategy } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { mikroOrmDefaultTableName } from '../../src/orm/mikro-orm/mikroOrmNaming.js';

const require = createRequire(import.meta.url);

// The package exports only its root: the strategy is taken from there (no driver is loaded).
const strategy = new UnderscoreNamingStrategy();
const installedVersion = (require('@mikro-orm/core/package.json') as { version: string }).version;

const ENTITY_NAMES = [
  'User', 'Users', 'UserProfile', 'CreditTransaction', 'AgentExecution', 'Subscription', 'APIKey', 'ApiKey',
  'HTTPRequest', 'HTTPRequestLog', 'OAuthToken', 'OAuth2Token', 'IOStream', 'XMLHttpRequest', 'JSONWebKey',
  'S3Bucket', 'Ec2Instance', 'EC2Instance', 'Base64Blob', 'Md5Hash', 'SHA256Digest', 'Version2', 'V2Report',
  'Report2024', 'Report2024Q1', 'Q1Report', 'A', 'AB', 'ABC', 'ABc', 'aB', 'a', 'user', 'user_profile',
  'User_Profile', 'UserID', 'UserIDs', 'IDCard', 'GUIDMap', 'URLShortener', 'PDFExport', 'ETLJob', 'SMSMessage',
  'TwoFactorAuth', 'MFADevice', 'UIState', 'I18nString', 'L10nBundle', 'K8sCluster', 'Web3Wallet',
  'ÄrgerLog', 'CaféOrder', 'aÄb', 'Order$Line', '_Private', 'Snake_Case_Name', 'MyABTest', 'ABTestVariant',
  'BigQueryETL', 'DNSRecord', 'IPv4Address', 'IPV6Address', 'X509Certificate', 'BookTag', 'Book2Tag',
  'FooBar', 'fooBarBaz', 'ProductCategoryTranslation',
];

describe("mikroOrmDefaultTableName equals MikroORM's UnderscoreNamingStrategy.classToTableName", () => {
  it('is checked against the pinned @mikro-orm/core', () => {
    expect(installedVersion).toBe('6.6.16');
  });

  it('covers at least 50 entity names, acronyms and digits included', () => {
    expect(ENTITY_NAMES.length).toBeGreaterThanOrEqual(50);
    expect(ENTITY_NAMES.filter((name) => /\d/u.test(name)).length).toBeGreaterThanOrEqual(10);
    expect(ENTITY_NAMES.filter((name) => /[A-Z]{2}/u.test(name)).length).toBeGreaterThanOrEqual(10);
  });

  it('matches @mikro-orm/core for every entity name', () => {
    const ours = ENTITY_NAMES.map((name) => [name, mikroOrmDefaultTableName(name)]);
    const theirs = ENTITY_NAMES.map((name) => [name, strategy.classToTableName(name)]);
    expect(ours).toEqual(theirs);
  });

  it('does not split acronyms or digits, unlike TypeORM', () => {
    expect(mikroOrmDefaultTableName('CreditTransaction')).toBe('credit_transaction');
    expect(mikroOrmDefaultTableName('HTTPRequestLog')).toBe('httprequest_log');
    expect(mikroOrmDefaultTableName('OAuth2Token')).toBe('oauth2token');
  });
});
