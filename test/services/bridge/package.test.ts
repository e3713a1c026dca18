// The deployable (npm run bridge:package): the compiled bridge starts from its configuration file
// with plain node (no tsx), and its own contract command passes against it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../bridge/src/config';
import { packageBridge } from '../../../bridge/tools/package';

jest.setTimeout(120_000);

const KEY = 'package-test-api-key-0001';
// Inside the repository, so the packaged dist finds the dependencies installed for the workspace.
const out = join(__dirname, '../../../bridge/release', `test-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

function node(args: string[]) {
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr.on('data', (d: Buffer) => (output += d.toString()));
	const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
	const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
		for (let i = 0; i < 300; i++) {
			const m = output.match(pattern);
			if (m) return m;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`no ${pattern} in: ${output}`);
	};
	return { child, exit, waitFor, output: () => output };
}

it('packages dist + openapi.yaml + runtime package.json + service files; the build runs and passes its contract checks', async () => {
	packageBridge(out, false);
	const manifest = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
	expect(manifest.devDependencies).toBeUndefined();
	expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['pino', 'pino-roll', 'ajv', 'iconv-lite']));
	// the Sage adapter's native modules, built on the Sage PC
	expect([manifest.optionalDependencies, manifest.allowScripts]).toEqual([{ odbc: '2.6.0', winax: expect.any(String) }, { odbc: true, winax: true }]);
	// The example configuration shipped with the service files is valid as it stands.
	expect(parseConfig(JSON.parse(readFileSync(join(out, 'service/bridge.example.json'), 'utf8')), {}).adapter).toBe('sage');
	expect(readFileSync(join(out, 'service/sage50-bridge.xml'), 'utf8')).toContain('dist\\cli.js" --config');

	const dir = mkdtempSync(join(tmpdir(), 'bridge-package-'));
	writeFileSync(join(dir, 'bridge.json'), JSON.stringify({ apiKey: KEY, listen: { port: 0 }, log: { dir: join(dir, 'logs') } }));
	const bridge = node([join(out, 'dist/cli.js'), '--config', join(dir, 'bridge.json')]);
	try {
		const [, url] = await bridge.waitFor(/listening on (http:\/\/\S+)/);
		const contract = node([join(out, 'dist/contract/cli.js'), '--url', url, '--key', KEY]);
		expect(await contract.exit).toBe(0);
		expect(contract.output()).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
	} finally {
		bridge.child.kill('SIGTERM');
		await bridge.exit;
	}
	const logs = join(dir, 'logs');
	const log = readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('');
	expect(log).toContain('"msg":"bridge started"');
	expect(log).toContain('"msg":"bridge stopped"'); // SIGTERM closes the log cleanly
});
