import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { typeormDefaultTableName } from '../../src/orm/typeorm/typeormNaming.js';

const require = createRequire(import.meta.url);

interface NamingStrategy {
  tableName(targetName: string, userSpecifiedName: string | undefined): string;
}
type NamingStrategyModule = { DefaultNamingStrategy: new () => NamingStrategy };

// The strategy modules are loaded directly: importing all of typeorm would pull in drivers.
const strategies: Record<string, NamingStrategy> = {
  'typeorm 1.x': new (require('typeorm/naming-strategy/DefaultNamingStrategy.js') as NamingStrategyModule).DefaultNamingStrategy(),
  'typeorm 0.3': new (require('typeorm-0.3/naming-strategy/DefaultNamingStrategy.js') as NamingStrategyModule).DefaultNamingStrategy(),
};

const CLASS_NAMES = [
  'User', 'Users', 'UserProfile', 'CreditTransaction', 'AgentExecution', 'Subscription', 'APIKey', 'ApiKey',
  'HTTPRequest', 'HTTPRequestLog', 'OAuthToken', 'OAuth2Token', 'IOStream', 'XMLHttpRequest', 'JSONWebKey',
  'S3Bucket', 'Ec2Instance', 'EC2Instance', 'Base64Blob', 'Md5Hash', 'SHA256Digest', 'Version2', 'V2Report',
  'Report2024', 'Report2024Q1', 'Q1Report', 'A', 'AB', 'ABC', 'ABc', 'aB', 'a', 'user', 'user_profile',
  'User_Profile', 'UserID', 'UserIDs', 'IDCard', 'GUIDMap', 'URLShortener', 'PDFExport', 'ETLJob', 'SMSMessage',
  'TwoFactorAuth', 'MFADevice', 'UIState', 'I18nString', 'L10nBundle', 'K8sCluster', 'Web3Wallet',
  'ÄrgerLog', 'CaféOrder', 'Order$Line', '_Private', 'Snake_Case_Name', 'MyABTest', 'ABTestVariant',
  'BigQueryETL', 'DNSRecord', 'IPv4Address', 'IPV6Address', 'X509Certificate',
];

describe("typeormDefaultTableName equals TypeORM's DefaultNamingStrategy.tableName", () => {
  it('covers at least 50 class names, acronyms and digits included', () => {
    expect(CLASS_NAMES.length).toBeGreaterThanOrEqual(50);
    expect(CLASS_NAMES.filter((name) => /\d/u.test(name)).length).toBeGreaterThanOrEqual(10);
    expect(CLASS_NAMES.filter((name) => /[A-Z]{2}/u.test(name)).length).toBeGreaterThanOrEqual(10);
  });

  for (const [version, strategy] of Object.entries(strategies)) {
    it(`matches ${version} for every class name`, () => {
      const ours = CLASS_NAMES.map((name) => [name, typeormDefaultTableName(name)]);
      const theirs = CLASS_NAMES.map((name) => [name, strategy.tableName(name, undefined)]);
      expect(ours).toEqual(theirs);
    });
  }

  it('gives the names the incident relies on', () => {
    expect(typeormDefaultTableName('CreditTransaction')).toBe('credit_transaction');
    expect(typeormDefaultTableName('HTTPRequestLog')).toBe('http_request_log');
  });
});
