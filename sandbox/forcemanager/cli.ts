// npm run sim:forcemanager -- --port 8081 [--host 127.0.0.1] [--session-ttl 3600] [--rate 4] [--page-size-max 500]
//   [--enforce-read-only] [--seed demo|empty] [--keys pub:priv:userId,...]
import { type ForceManagerSimulatorOptions, startForceManagerSimulator } from './index';

function parseArgs(argv: string[]): ForceManagerSimulatorOptions {
	const options: ForceManagerSimulatorOptions = {};
	const number = (flag: string, value: string | undefined): number => {
		const n = Number(value);
		if (value === undefined || Number.isNaN(n)) throw new Error(`${flag} needs a number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		switch (flag) {
			case '--port':
				options.port = number(flag, value);
				i++;
				break;
			case '--host':
				options.host = value;
				i++;
				break;
			case '--session-ttl':
				options.sessionTtlSeconds = number(flag, value);
				i++;
				break;
			case '--rate':
				options.rateLimitPerSecond = number(flag, value);
				i++;
				break;
			case '--page-size-max':
				options.pageSizeMax = number(flag, value);
				i++;
				break;
			case '--enforce-read-only':
				options.enforceReadOnly = true;
				break;
			case '--seed':
				if (value !== 'demo' && value !== 'empty') throw new Error('--seed is demo or empty');
				options.seed = value;
				i++;
				break;
			case '--keys':
				options.keys = (value ?? '').split(',').map((triple) => {
					const [publicKey, privateKey, userId] = triple.split(':');
					if (!publicKey || !privateKey || !userId || Number.isNaN(Number(userId))) {
						throw new Error(`--keys entries are publicKey:privateKey:userId, got '${triple}'`);
					}
					return { publicKey, privateKey, userId: Number(userId) };
				});
				i++;
				break;
			case '--help':
			case '-h':
				process.stdout.write('Usage: npm run sim:forcemanager -- --port 8081 [--session-ttl 3600] [--rate 4] [--seed demo|empty] [--keys pub:priv:userId,...] [--enforce-read-only] [--page-size-max 500] [--host 127.0.0.1]\n');
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${flag}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const sim = await startForceManagerSimulator(parseArgs(process.argv.slice(2)));
	process.stdout.write(`ForceManager simulator listening on ${sim.baseUrl} (admin: ${sim.origin}/__admin/health)\n`);
	const stop = (): void => {
		void sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(1);
});
