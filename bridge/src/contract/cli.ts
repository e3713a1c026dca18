// npm run bridge:contract -- --url <bridge url> --key <api key> [--write]
// (on the Sage PC: node dist/contract/cli.js --url https://127.0.0.1:8443 --key <api key>)
// Runs the contract checks against a running bridge and prints one line per check, then
// "N passed, M failed"; exits 1 when a check failed. Read-only unless --write (a test company only).
// A self-signed certificate: set NODE_EXTRA_CA_CERTS=<its .crt file> for this command.
import { parseArgs } from 'node:util';
import { runContractChecks } from './checks';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			url: { type: 'string' },
			key: { type: 'string', default: process.env.BRIDGE_API_KEY },
			write: { type: 'boolean', default: false },
		},
	});
	if (!values.url || !values.key) {
		console.error('usage: bridge:contract --url <bridge url> --key <api key> [--write]   (or BRIDGE_API_KEY for the key)');
		return 2;
	}
	console.log(`Contract checks against ${values.url} (${values.write ? 'with writes: test company only' : 'read-only'})`);
	const { passed, failed, skipped } = await runContractChecks({
		url: values.url,
		key: values.key,
		write: values.write,
		onResult: (r) => console.log(`${r.skipped ? 'skip' : r.ok ? 'ok  ' : 'FAIL'}  ${r.name}${r.detail ? ` — ${r.detail}` : ''}`),
	});
	console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`Cannot run the contract checks: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(2);
	},
);
