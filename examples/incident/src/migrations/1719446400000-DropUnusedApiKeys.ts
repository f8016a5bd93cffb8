import type { MigrationInterface, QueryRunner } from 'typeorm';

// A "cleanup" written against a stale branch where API keys had been removed. On main, ApiKey is
// still an entity, and every request that authenticates with a key reads this table.
export class DropUnusedApiKeys1719446400000 implements MigrationInterface {
  name = 'DropUnusedApiKeys1719446400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), CONSTRAINT "PK_api_keys" PRIMARY KEY ("id"))`);
  }
}
