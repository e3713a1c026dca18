// npm run bridge -- --port 8085 --api-key <key> [--db <file>|:memory:] [--seed demo|empty] [--host 127.0.0.1]
//                   [--idempotency-ttl 24h]
import { parseArgs } from 'node:util';
import { startBridge } from './index';
import { parseDuration } from './time';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8085' },
			host: { type: 'string', default: '127.0.0.1' },
			'api-key': { type: 'string', default: process.env.BRIDGE_API_KEY },
			db: { type: 'string', default: ':memory:' },
			seed: { type: 'string', default: 'demo' },
			'idempotency-ttl': { type: 'string', default: process.env.BRIDGE_IDEMPOTENCY_TTL ?? '24h' },
		},
	});
	const apiKey = values['api-key'];
	if (!apiKey) throw new Error('--api-key (or BRIDGE_API_KEY) is required');
	if (values.seed !== 'demo' && values.seed !== 'empty') throw new Error('--seed must be demo or empty');
	const idempotencyTtlSeconds = parseDuration(values['idempotency-ttl']);
	if (idempotencyTtlSeconds === undefined) throw new Error('--idempotency-ttl must be a duration such as 3600, 90m, 24h or 7d');
	const bridge = await startBridge({ port: Number(values.port), host: values.host, apiKey, dbPath: values.db, seed: values.seed, idempotencyTtlSeconds });
	console.log(`Sage 50 bridge (simulated company) listening on ${bridge.url} — admin API at ${bridge.url}/__admin`);
	const stop = () => void bridge.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
