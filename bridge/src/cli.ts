#!/usr/bin/env node
// npm run bridge -- --config <file>           the service as configured (README.md, "Configuration file")
// npm run bridge -- --port 8085 --api-key <key> [--db <file>|:memory:] [--seed demo|empty] [--host 127.0.0.1]
//                   [--idempotency-ttl 24h] [--admin-key <key>]
// Flags override the file's keys, so the simulator runs without a file; environment variables
// BRIDGE_API_KEY, BRIDGE_ADMIN_API_KEY, BRIDGE_ODBC_CONNECTION_STRING, BRIDGE_SDO_PASSWORD override secrets.
import { parseArgs } from 'node:util';
import { parseConfig, readConfigFile } from './config';
import { startFromConfig } from './service';

type Json = Record<string, unknown>;

/** The file (or an empty object) with the flags laid over it. */
export function configFromArgs(args: string[]): { input: Json; source: string } {
	const { values } = parseArgs({
		args,
		options: {
			config: { type: 'string', short: 'c' },
			port: { type: 'string' },
			host: { type: 'string' },
			'api-key': { type: 'string' },
			'admin-key': { type: 'string' },
			db: { type: 'string' },
			seed: { type: 'string' },
			'idempotency-ttl': { type: 'string', default: process.env.BRIDGE_IDEMPOTENCY_TTL },
		},
	});
	const input = (values.config ? readConfigFile(values.config) : {}) as Json;
	const section = (key: string) => ((input[key] ??= {}) as Json);
	if (values.port !== undefined) section('listen').port = /^\d+$/.test(values.port) ? Number(values.port) : values.port;
	if (values.host !== undefined) section('listen').host = values.host;
	if (values['api-key'] !== undefined) input.apiKey = values['api-key'];
	if (values['admin-key'] !== undefined) Object.assign(section('admin'), { enabled: true, apiKey: values['admin-key'] });
	if (values.db !== undefined) section('simulated').db = values.db;
	if (values.seed !== undefined) section('simulated').seed = values.seed;
	if (values['idempotency-ttl'] !== undefined) input.idempotencyTtl = values['idempotency-ttl'];
	return { input, source: values.config ?? '(command line)' };
}

async function main(): Promise<void> {
	const { input, source } = configFromArgs(process.argv.slice(2));
	const config = parseConfig(input, process.env, source);
	const bridge = await startFromConfig(config);
	console.log(`Sage 50 bridge (adapter ${bridge.adapterName}) listening on ${bridge.url}${bridge.admin ? ` — admin API at ${bridge.admin.url} (loopback, X-Admin-Key)` : ''}`);
	const stop = () => void bridge.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	});
}
