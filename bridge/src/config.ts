// The bridge's configuration file (JSON): one schema with defaults, validated with ajv so every
// problem names its key; secrets may come from the environment instead of the file. README.md,
// "Configuration file", explains each key.
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { CodePage } from './codePage';
import { parseDuration } from './time';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** What the Windows adapter (sage-odbc, sage-sdo) gets: the `sage` object of the file. */
export interface SageConfig {
	odbc: { connectionString: string };
	sdo: { enabled: boolean; progId: string; accdata?: string; user?: string; password?: string };
	localDb: string;
	capture: { intervalSeconds: number; overlapSeconds: number; keyListingMinutes: number };
	/** The code page Sage keeps text in; also the simulated company's rule (adapter "simulated"). */
	textEncoding: { codePage: string; onUnsupported: 'fail' | 'transliterate' };
	/** Folder of the product image files STOCK.WEB_IMAGE_FILE names; absent: no product images. */
	imagesDir?: string;
	/** The Sage users directory (sage/users.ts): kept by the admin, since Sage exposes no users' e-mail. */
	users: SageUserEntry[];
}

/** One Sage user as Settings › User Management names it, with the e-mail only the admin knows. */
export interface SageUserEntry {
	userName: string;
	fullName?: string;
	email: string;
	userType?: 'Administrator' | 'Standard';
}

export interface BridgeConfig {
	adapter: 'simulated' | 'sage';
	/** The simulated company (adapter "simulated"): its SQLite file and the seed of a new one. */
	simulated: { db: string; seed: 'demo' | 'empty' };
	sage?: SageConfig;
	listen: { host: string; port: number; tls?: { cert: string; key: string } };
	apiKey: string;
	admin: { enabled: boolean; apiKey?: string };
	/** How long an Idempotency-Key is remembered (`3600`, `90m`, `24h`, `7d`). */
	idempotencyTtl: string;
	log: { dir?: string; level: LogLevel; rotate: { frequency: 'daily' | 'hourly'; size: string; keep: number } };
}

const text = { type: 'string', minLength: 1 } as const;
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', additionalProperties: false, properties, default: {}, ...extra });

export const CONFIG_SCHEMA = obj({
	$schema: { type: 'string' },
	adapter: { enum: ['simulated', 'sage'], default: 'simulated' },
	simulated: obj({ db: { ...text, default: ':memory:' }, seed: { enum: ['demo', 'empty'], default: 'demo' } }),
	sage: obj(
		{
			odbc: obj({ connectionString: text }, { required: ['connectionString'], default: undefined }),
			sdo: obj({
				enabled: { type: 'boolean', default: true },
				progId: { type: 'string', pattern: '^SDOEngine\\.\\d+$', default: 'SDOEngine.32' },
				accdata: text,
				user: { type: 'string', minLength: 1, maxLength: 32 },
				password: { type: 'string' },
			}),
			localDb: text,
			capture: obj({
				intervalSeconds: { type: 'integer', minimum: 5, maximum: 3600, default: 30 },
				overlapSeconds: { type: 'integer', minimum: 0, maximum: 86400, default: 120 },
				keyListingMinutes: { type: 'integer', minimum: 1, maximum: 1440, default: 15 },
			}),
			textEncoding: obj({
				codePage: { ...text, default: 'windows-1252' },
				onUnsupported: { enum: ['fail', 'transliterate'], default: 'fail' },
			}),
			imagesDir: text,
			users: {
				type: 'array',
				default: [],
				items: obj(
					{
						userName: { ...text, maxLength: 30 },
						fullName: { type: 'string', maxLength: 60 },
						email: { type: 'string', format: 'email', maxLength: 255 },
						userType: { enum: ['Administrator', 'Standard'] },
					},
					{ required: ['userName', 'email'], default: undefined },
				),
			},
		},
		// odbc and localDb are required with adapter "sage" only (parseConfig): a simulated bridge may set textEncoding alone.
		{ default: undefined },
	),
	listen: obj({
		host: { ...text, default: '127.0.0.1' },
		port: { type: 'integer', minimum: 0, maximum: 65535, default: 8085 },
		tls: obj({ cert: text, key: text }, { required: ['cert', 'key'], default: undefined }),
	}),
	apiKey: { type: 'string', minLength: 16 },
	admin: obj({ enabled: { type: 'boolean', default: false }, apiKey: { type: 'string', minLength: 16 } }),
	idempotencyTtl: { type: 'string', default: '24h' },
	log: obj({
		dir: text,
		level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
		rotate: obj({
			frequency: { enum: ['daily', 'hourly'], default: 'daily' },
			size: { type: 'string', pattern: '^\\d+[kmg]?$', default: '20m' },
			keep: { type: 'integer', minimum: 1, maximum: 365, default: 14 },
		}),
	}),
}, { required: ['apiKey'] });

/** Secrets that may be kept out of the file: environment variable → key. */
export const SECRET_ENV: ReadonlyArray<[string, string[]]> = [
	['BRIDGE_API_KEY', ['apiKey']],
	['BRIDGE_ADMIN_API_KEY', ['admin', 'apiKey']],
	['BRIDGE_ODBC_CONNECTION_STRING', ['sage', 'odbc', 'connectionString']],
	['BRIDGE_SDO_PASSWORD', ['sage', 'sdo', 'password']],
];

export class ConfigError extends Error {
	constructor(readonly problems: string[], source: string) {
		super(`Configuration ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

const ajv = new Ajv({ allErrors: true, useDefaults: 'empty', strict: false });
addFormats(ajv, ['email']);
const validate = ajv.compile(CONFIG_SCHEMA);

function keyOf(e: ErrorObject): string {
	// `sage.users[2].email`: array items by index, as the admin counts them in the file (from 0).
	const path = e.instancePath.split('/').slice(1).join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
	const child = (e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (e.params as { additionalProperty?: string }).additionalProperty;
	return [path, child].filter(Boolean).join('.') || '(top level)';
}

function describe(e: ErrorObject): string {
	const key = keyOf(e);
	if (e.keyword === 'required') return `${key} is required`;
	if (e.keyword === 'additionalProperties') return `${key} is not a known key (a typo?)`;
	if (e.keyword === 'enum') return `${key} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
	return `${key} ${e.message}`;
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
	let node = target;
	for (const key of path.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as Record<string, unknown>;
	}
	node[path[path.length - 1]] = value;
}

/** Validates a parsed config (defaults filled in, env secrets applied); throws ConfigError naming every bad key. */
export function parseConfig(input: unknown, env: NodeJS.ProcessEnv = process.env, source = '(object)'): BridgeConfig {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ConfigError(['the file must hold one JSON object'], source);
	const config = structuredClone(input) as Record<string, unknown>;
	for (const [name, path] of SECRET_ENV) {
		if (env[name]) setPath(config, path, env[name]!);
	}
	if (!validate(config)) throw new ConfigError(validate.errors!.map(describe), source);
	const c = config as unknown as BridgeConfig;
	const problems: string[] = [];
	if (c.adapter === 'sage' && !c.sage) problems.push('sage is required when adapter is "sage" (sage.odbc.connectionString, sage.localDb …)');
	if (c.adapter === 'sage' && c.sage) {
		if (!c.sage.odbc) problems.push('sage.odbc is required when adapter is "sage" (sage.odbc.connectionString)');
		if (!c.sage.localDb) problems.push('sage.localDb is required when adapter is "sage" (the bridge\'s own SQLite file on the Sage PC)');
	}
	if (c.sage) {
		try {
			CodePage.of(c.sage.textEncoding);
		} catch (error) {
			problems.push(`sage.textEncoding.codePage: ${(error as Error).message}`);
		}
	}
	const seen = new Map<string, number>();
	c.sage?.users.forEach((u, i) => {
		// One entry per Sage logon; names differing only in case are taken for a typo, not two users.
		const first = seen.get(u.userName.toLowerCase());
		if (first !== undefined) problems.push(`sage.users[${i}].userName "${u.userName}" is already given at sage.users[${first}]`);
		else seen.set(u.userName.toLowerCase(), i);
	});
	if (c.admin.enabled && c.adapter === 'sage') {
		problems.push('admin.enabled must be false with adapter "sage": the admin API (reset, wipe, dump tables, clock, faults) is for the simulated company only');
	}
	if (c.admin.enabled && !c.admin.apiKey) problems.push('admin.apiKey is required when admin.enabled is true (or set BRIDGE_ADMIN_API_KEY)');
	if (c.admin.enabled && c.admin.apiKey === c.apiKey) problems.push('admin.apiKey must differ from apiKey');
	if (parseDuration(c.idempotencyTtl) === undefined) problems.push('idempotencyTtl must be a duration such as 3600, 90m, 24h or 7d');
	const sdo = c.sage?.sdo;
	if (c.adapter === 'sage' && sdo?.enabled) {
		for (const key of ['accdata', 'user'] as const) if (!sdo[key]) problems.push(`sage.sdo.${key} is required when sage.sdo.enabled is true (or set sage.sdo.enabled to false for read-only mode)`);
	}
	if (problems.length) throw new ConfigError(problems, source);
	return c;
}

/** Reads and validates a configuration file. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): BridgeConfig {
	return parseConfig(readConfigFile(file), env, file);
}

/** The file's JSON, not yet validated (the CLI lays its flags over it first). */
export function readConfigFile(file: string): unknown {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new ConfigError([`cannot read the file: ${(error as Error).message}`], file);
	}
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad saves UTF-8 with a BOM
	} catch (error) {
		throw new ConfigError([`not valid JSON: ${(error as Error).message}`], file);
	}
	return json;
}
