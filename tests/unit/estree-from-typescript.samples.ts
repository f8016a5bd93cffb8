/** Texts for the parse fast path's tests: the benchmark generator's shapes, and a tour of syntax. */

/** A TypeORM entity as bench/generateProject.mjs writes it. */
export const GENERATED_TYPEORM_MODEL = `import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Invoice80 } from './Invoice80';

/** Account1010: persisted in t_1010. */
@Entity('t_1010')
@Index(['note'])
export class Account1010 {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  quantity!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  amount?: string | null;

  @ManyToOne(() => Invoice80, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Invoice80;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
`;

/** A TypeORM migration as bench/generateProject.mjs writes it. */
export const GENERATED_TYPEORM_MIGRATION = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvoice01700000000000 implements MigrationInterface {
  name = 'CreateInvoice01700000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "t_0" ("id" SERIAL NOT NULL, "note" numeric(12,2) NOT NULL, CONSTRAINT "PK_t_0" PRIMARY KEY ("id"))\`);
    await queryRunner.query(\`CREATE INDEX "IDX_t_0_note" ON "t_0" ("note")\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP INDEX "IDX_t_0_note"\`);
    await queryRunner.query(\`DROP TABLE "t_0"\`);
  }
}
`;

/** A Drizzle schema module as bench/generateProject.mjs writes it. */
export const GENERATED_DRIZZLE_SCHEMA = `import { boolean, index, integer, numeric, pgTable, serial, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Product1921: persisted in t_1921. */
export const product1921 = pgTable(
  't_1921',
  {
    id: serial('id').primaryKey(),
    priority: integer('priority').notNull(),
    title: numeric('title', { precision: 12, scale: 2 }),
    currency: boolean('currency').default(false).notNull(),
    version: varchar('version', { length: 255 }).notNull(),
    createdAt: timestamp('created_at').defaultNow().notNull(),
  },
  (table) => [index('t_1921_priority_idx').on(table.priority)],
);

export type Product1921 = typeof product1921.$inferSelect;
export type NewProduct1921 = typeof product1921.$inferInsert;
`;

export const GENERATED_TEXTS: readonly string[] = [GENERATED_TYPEORM_MODEL, GENERATED_TYPEORM_MIGRATION, GENERATED_DRIZZLE_SCHEMA];

/** Syntax the fast path handles: each must take it and build typescript-estree's tree. */
export const FAST_PATH_SAMPLES: readonly string[] = [
  // modules
  `'use strict';\n'second';\nimport 'reflect-metadata';\nimport def, * as ns from "./a";\nimport d2, { a, b as c, type T, "x-y" as xy } from './b';\nimport type { U } from './c';\nimport type V from './v';`,
  `export { a, b as c, type T };\nexport { x as "y" } from './m';\nexport * from './all';\nexport * as name from './ns';\nexport type { Q } from './q';\nexport type * from './types';`,
  `export default class {}`,
  `export default class Named extends Base<string> implements I, ns.J<number> {}`,
  `export default function () {}\n`,
  `export default async function named<T>(x: T): Promise<T> { return x; }`,
  `export default { a: 1, b };`,
  `const x = 1;\nexport = x;`,
  `export async function* gen() { yield 1; yield* other(); yield; }`,
  `export function overload(a: string): void;\nexport function overload(a: unknown) {}`,
  `export abstract class Shape { x = 1; }\nexport default abstract class {}`,
  `@Dec() export class A {}\nexport @Dec class B {}\n@A @B.c() @(d[0]) class C {}`,
  // classes
  `class A extends (B as any) {\n  static readonly x = 1;\n  private y?: number;\n  protected declare z: string;\n  public override w!: Date;\n  ['computed'] = 2;\n  'quoted': string;\n  42 = 'n';\n  ;\n}`,
  `class A {\n  constructor(private readonly repo: Repo, public x = 1, readonly y?: string, @Inject() z?: number, protected override w: number) { super(); }\n}`,
  `class A {\n  public constructor(@Inject(TOKEN) private readonly a: A, ...rest: unknown[]) {}\n}`,
  `class A {\n  constructor();\n  constructor(a?: number) {}\n}`,
  `class A {\n  @Get(':id') async find<T>(@Param('id') id: string, @Body() { a, b }: Dto = {}): Promise<T | undefined> { return undefined; }\n  static create(): A { return new A(); }\n  *items() {}\n  async *stream() {}\n  optional?(): void;\n  'quoted method'() {}\n  [Symbol.iterator]() {}\n}`,
  `class A {\n  get value(): number { return this._v; }\n  set value(v: number) { this._v = v; }\n  @Dec() get decorated() { return 1; }\n  static get s() { return 1; }\n}`,
  `const C = class Named<T extends object = {}> { @D() p = 1; m(a: number) {} };\nconst D = @Dec class {};`,
  `class G<T, U extends keyof T = keyof T> implements Repo<T> {}`,
  // functions and parameters
  `function f(a, b = 2, ...rest) {}\nfunction g(a?: number, { x, y: [z, , w = 1, ...more] = [] }: Opts = {}, [p, q]: number[] = []): void {}`,
  `const f = async (x: number): Promise<void> => { await x; };\nconst g = x => x * 2;\nconst h = <T,>(x: T) => ({ x });\nconst i = async function named() {};\nconst j = function* () {};`,
  `function f(this_: unknown, { a = 1, ...rest }: Record<string, number>, [first = 0]: number[]) {}`,
  // statements
  `for (const x of xs) {}\nfor await (const y of ys) {}\nfor (let k in obj) continue;\nfor (x of xs);\nfor (k in o);\nfor (let i = 0, j = 1; i < 10; i++, j--) { if (i) break; else continue; }\nfor (;;) {}`,
  `while (a) { a--; }\ndo { b++; } while (b < 10);\nlabel: for (;;) { break label; }\nif (a) b(); else if (c) d(); else { e(); }`,
  `try { a(); } catch (e) { b(e); } finally { c(); }\ntry { a(); } catch { }\ntry {} catch (e: unknown) {}\ntry {} catch ({ message }) {}`,
  `switch (x) { case 1: case 2: a(); break; default: b(); }\nthrow new Error('x');\n;\ndebugger;`,
  `function f() { 'use strict'; 'another'; return; }\nfunction g() { return 1, 2; }\nconst a = () => { 'directive'; };`,
  `var a; let b: number; const c = 1, d = 2;\nexport const e = 1, f = 2;\nexport let g: string | undefined;`,
  // expressions
  `a = b; a += 1; a -= 1; a *= 2; a **= 2; a /= 2; a %= 2; a <<= 1; a >>= 1; a >>>= 1; a &= 1; a |= 1; a ^= 1; a &&= b; a ||= b; a ??= b; o.p = 1; o[k] = 2;`,
  `x = a + b - c * d / e % f ** g << h >> i >>> j & k | l ^ m && n || o ?? p;\ny = a == b != c === d !== e < f > g <= h >= i instanceof J in k;`,
  `x = !a; x = -a; x = +a; x = ~a; x = typeof a; x = void 0; delete o.p; ++a; a++; --o.p; o[k]--;`,
  `x = a ? b : c ? d : e;\nx = (a, b, c);\nx = ((a, b), c);\nx = [1, , 3, ...rest];\nx = { a, b: 1, 'c': 2, 3: 4, [k]: 5, ...spread, m() {}, async n() {}, *g() {}, async *ag() {} };`,
  `a?.b; a?.[0]; a?.(); a?.b.c(); a.b?.c?.(); (a?.b).c; (a?.b)(); a!.b; a?.b!; a?.b!.c; new A; new A(); new A<string>(1); new (foo())();`,
  `f<string>(x); f<A, B,>(); o.m<T>(); super.m; this.x; import.meta.url; function g() { new.target; }`,
  'x = `plain`; y = `a ${b} c ${d + `nested ${e}`} f`; z = tag`t ${1} \\u{41}`; w = String.raw`\\x${1}\\unicode`; v = a.b`q`; u = f<T>`t`;',
  `x = a as any; y = a satisfies B; z = <T>a; w = a as const; v = (a as unknown as B).c;`,
  `async function f() { await a; await (b, c); for await (const x of y) {} }`,
  `x = 1.5e3; y = 0x10; z = 1_000; w = .5; v = 'it\\'s'; u = "q\\"q"; t = true; s = false; r = null; q = undefined;`,
  String.raw`const r = /re[/]\//g; const s = /(?<name>a)\k<name>/u; const t = /[/]/v; const u = /(?<n>)(?<n>)/;`,
  `const v = import('./module');\nconst w = import('./m', { with: { type: 'json' } });`,
  // types
  `type A = string | number | boolean | null | undefined | void | never | unknown | any | object | symbol | bigint;\ntype B = 'lit' | 1 | -1 | true | \`tpl\`;`,
  `type C = Array<string>[] | readonly string[] | keyof T | unique symbol | T[K] | [string];`,
  `type D = (a: string, b?: number, ...rest: any[]) => void;\ntype E = { a: string; readonly b?: number; c(): void; d?<T>(x: T): T; [key: string]: unknown; readonly [i: number]: string };`,
  `type F = typeof a.b.c;\ntype G = typeof x<string>;\ntype H = ns.Type<A, B<C>>;\ntype I = (A | B)[];\ntype J = [string, number];\ntype K = this;`,
  `export interface I<T = unknown> extends A, B.C<T> { a: T; b?(): void; readonly c: string }\ninterface J {}`,
  `enum E { A, B = 2, 'C' = 'c' }\nexport const enum F { X = 1 << 0 }\nexport enum G {}`,
  `let x: (string | number)[] = [];\nlet y: Promise<void>;\nlet z: Map<string, Set<number>> = new Map();`,
  `function f<const T extends string>(x: T): T { return x; }`,
  `class A { #secret = 1; static #count: number; get #v() { return 1; } #m() { return this.#secret + this.#v; } has(o: object) { return #secret in o; } }`,
  `class A { static { init(); } static { 'directive'; } }\nclass B { accessor x = 1; static accessor y: number; @Dec() accessor z = 2; }`,
  `abstract class A { abstract m(): void; abstract p: string; protected abstract get g(): number; abstract accessor a: number; @Dec() abstract q: number; }`,
  `class A { [key: string]: unknown; static readonly [n: number]: string; }`,
  `import x = require('x');\nexport import y = require('y');\nimport type z = require('z');\nimport q = ns.inner.q;`,
  `const b = 10n; const c = 0x1F_FFn; const d = 1_000n;`,
  `function f(this: Window, a: number) {}\nclass A { m(this: A) {} }\ntype T = (this: void) => void;`,
  `type M = { readonly [K in keyof U]?: U[K] };\ntype N = { -readonly [K in keyof U]-?: U[K] };\ntype O = { +readonly [K in keyof U as \`get\${K & string}\`]+?: () => U[K] };\ntype P = { [K in 'a' | 'b']: K };`,
  `type C = U extends (infer V)[] ? V : never;\ntype D = U extends [infer H extends string, ...infer R] ? H : R;`,
  `type L = \`a\${string}b\${number}\`;\ntype Q = \`plain\`;`,
  `type T = [a?: string, ...rest: number[]];\ntype U = [string?, ...number[]];\ntype V = [first: string, second?: number];`,
  `type K = new () => object;\ntype A = abstract new (x: number) => object;\ntype S = { (x: number): string; new (x: string): S; <T>(x: T): T };`,
  `interface I<in T, out U, in out V> {}\ntype F<in T> = (x: T) => void;\nclass C<out T> {}`,
  `function isS(x: unknown): x is string { return true; }\nfunction assertS(x: unknown): asserts x is string {}\nfunction assertT(x: unknown): asserts x {}\nclass A { isB(): this is B { return true; } }`,
];

/**
 * Syntax the fast path declines: left to typescript-estree, either because it is not handled here
 * or because typescript-estree rejects it although TypeScript's parser accepts it (`grammarError`).
 */
export const DECLINED_SAMPLES: readonly { readonly text: string; readonly grammarError: boolean }[] = [
  // typescript-estree grammar errors TypeScript's parser accepts
  { text: `function f(private x) {}`, grammarError: true },
  { text: `class A { method(private x) {} }`, grammarError: true },
  { text: `class A { constructor(private ...x) {} }`, grammarError: true },
  { text: `class A { constructor(private { x }) {} }`, grammarError: true },
  { text: `class A { constructor(); constructor(private x) }`, grammarError: true },
  { text: `const x = { a?: 1 };`, grammarError: true },
  { text: `const x = { a!: 1 };`, grammarError: true },
  { text: `const x = { async a: 1 };`, grammarError: true },
  { text: `const x = { a = 1 };`, grammarError: true },
  { text: `class A { x!: number = 1; }`, grammarError: true },
  { text: `class A { x!; }`, grammarError: true },
  { text: `class A { 'constructor' = 1; }`, grammarError: true },
  { text: `class A { async get x() { return 1; } }`, grammarError: true },
  { text: `class A { readonly m() {} }`, grammarError: true },
  { text: `class A { @Dec() m(); }`, grammarError: true },
  { text: `@Dec() function f() {}`, grammarError: false },
  { text: `abstract export class A {}`, grammarError: true },
  { text: `export static const a = 1;`, grammarError: true },
  { text: `const f = (@Dec() a) => a;`, grammarError: true },
  { text: `const C = class { m(@Dec() a) {} };`, grammarError: true },
  { text: `class A { declare m() {} }`, grammarError: true },
  { text: `let x!: number = 1;`, grammarError: true },
  { text: `const x!: number;`, grammarError: true },
  { text: `interface I { public a: string }`, grammarError: true },
  { text: `class A extends B, C {}`, grammarError: true },
  { text: `class A implements B.c() {}`, grammarError: true },
  { text: `switch (a) { default: break; default: break; }`, grammarError: true },
  { text: `for (const a = 1 of b) {}`, grammarError: true },
  { text: `for (const a: number of b) {}`, grammarError: true },
  { text: `a?.b\`t\`;`, grammarError: true },
  { text: `import type A, { B } from 'x';`, grammarError: true },
  { text: `export { 'a' };`, grammarError: true },
  { text: `function f<in T>() {}`, grammarError: true },
  { text: `class A { m(@Dec() this: A) {} }`, grammarError: true },
  { text: `abstract class A { abstract m() {} }`, grammarError: true },
  { text: `abstract class A { abstract p = 1; }`, grammarError: true },
  { text: `abstract class A { abstract p!: number; }`, grammarError: true },
  { text: `const C = class { @Dec() abstract p: number };`, grammarError: true },
  { text: `class A { @Dec() abstract m(): void; }`, grammarError: true },
  { text: `class A { public [key: string]: unknown; }`, grammarError: true },
  { text: `import type x = ns.x;`, grammarError: true },
  { text: `#x in #y;`, grammarError: true },
  { text: `type T = typeof this.x;`, grammarError: false },
  { text: `type T = { [K in U]: K; a: string };`, grammarError: false },
  // not handled here
  { text: `declare const x: number;`, grammarError: false },
  { text: `declare module 'm' {}`, grammarError: false },
  { text: `namespace N {}`, grammarError: false },
  { text: `import json from './a.json' with { type: 'json' };`, grammarError: false },
  { text: `({ a } = b);`, grammarError: false },
  { text: `[a, b] = [b, a];`, grammarError: false },
  { text: `type T = import('./x').Y;`, grammarError: false },
  { text: `with (a) {}`, grammarError: false },
  { text: `const Bound = Foo<string>;`, grammarError: false },
  { text: `using res = getResource();`, grammarError: false },
  { text: `const x = <div />;`, grammarError: false },
  { text: `class A { m(): void; }\nclass B { m() {} }\ndeclare function g(): void;`, grammarError: false },
  // syntax errors: typescript-estree's own message
  { text: `class A {`, grammarError: true },
  { text: `const = ;`, grammarError: true },
];
