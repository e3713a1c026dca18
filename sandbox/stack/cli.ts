// npm start [-- --smoke] [--n8n-port 5678] [--forcemanager-port 8081] [--bridge-port 8082]
//   [--build always|if-missing|never] [--no-publish] [--user-folder <dir>]
// Ports also from SFM_N8N_PORT / SFM_FORCEMANAGER_PORT / SFM_BRIDGE_PORT; 0 = any free port.
// Runs until Ctrl+C; with --smoke it checks that every part answers, prints a summary and exits 0/1.
import { startStack, type StackOptions } from './stack';

interface CliOptions extends StackOptions {
	smoke: boolean;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
	const num = (flag: string, value: string | undefined): number => {
		const n = Number(value);
		if (value === undefined || value === '' || !Number.isInteger(n) || n < 0 || n > 65535) {
			throw new Error(`${flag} needs a port number (0 = any free port)`);
		}
		return n;
	};
	const options: CliOptions = {
		smoke: false,
		n8nPort: env.SFM_N8N_PORT ? num('SFM_N8N_PORT', env.SFM_N8N_PORT) : undefined,
		forceManagerPort: env.SFM_FORCEMANAGER_PORT ? num('SFM_FORCEMANAGER_PORT', env.SFM_FORCEMANAGER_PORT) : undefined,
		bridgePort: env.SFM_BRIDGE_PORT ? num('SFM_BRIDGE_PORT', env.SFM_BRIDGE_PORT) : undefined,
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			i += 1;
			return argv[i];
		};
		if (flag === '--smoke') options.smoke = true;
		else if (flag === '--n8n-port') options.n8nPort = num(flag, value());
		else if (flag === '--forcemanager-port' || flag === '--fm-port') options.forceManagerPort = num(flag, value());
		else if (flag === '--bridge-port') options.bridgePort = num(flag, value());
		else if (flag === '--no-publish') options.publish = false;
		else if (flag === '--user-folder') options.userFolder = value();
		else if (flag === '--build') {
			const mode = value();
			const map = { always: 'always', 'if-missing': 'ifMissing', never: 'never' } as const;
			if (!(mode in map)) throw new Error('--build is always, if-missing or never');
			options.build = map[mode as keyof typeof map];
		} else throw new Error(`unknown option ${flag}`);
	}
	return options;
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2), process.env);
	const stack = await startStack(options);
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('[stack] stopping…\n');
		await stack.stop();
		process.exit(code);
	};

	if (options.smoke) {
		const parts = await stack.check();
		process.stdout.write(stack.summary());
		process.stdout.write('Smoke check:\n');
		for (const part of parts) {
			process.stdout.write(
				`  ${part.status.toUpperCase().padEnd(8)}${part.name}${part.url ? `  ${part.url}` : ''}${part.note ? `  (${part.note})` : ''}\n`,
			);
		}
		const ok = parts.every((p) => p.status !== 'down');
		process.stdout.write(`SMOKE ${ok ? 'OK' : 'FAILED'}\n`);
		await stack.stop();
		return ok ? 0 : 1;
	}

	process.stdout.write(stack.summary());
	process.stdout.write('Press Ctrl+C to stop everything.\n');
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	// n8n dying on its own ends the stack too, so nothing is left half-running.
	stack.n8n.exited.then(() => {
		if (!stopping) {
			process.stderr.write(`[stack] n8n exited unexpectedly; see ${stack.n8n.logFile}\n`);
			void shutdown(1);
		}
	});
	return await new Promise<number>(() => undefined);
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`[stack] failed: ${error.message}\n`);
		process.exit(1);
	},
);
