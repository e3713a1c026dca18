// Keeps the README's main command true: `npm start` brings up the local stack (ForceManager
// simulator, Sage 50 bridge, a real n8n with this package), `--smoke` checks every
// part answers, and Ctrl+C stops everything. Ephemeral ports so parallel runs never collide.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { REPO_ROOT } from '../../sandbox/n8n';

jest.setTimeout(600_000);

const EPHEMERAL = ['--n8n-port', '0', '--forcemanager-port', '0', '--bridge-port', '0', '--build', 'if-missing'];

function npmStart(args: string[]) {
	const env = { ...process.env };
	delete env.NODE_ENV; // as on a developer's shell, not jest's "test"
	const child = spawn('npm', ['start', '--silent', '--', ...args], {
		cwd: REPO_ROOT,
		env,
		detached: true, // own process group, so the test can send Ctrl+C to all of it like a terminal
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (c: Buffer) => (output += c.toString()));
	child.stderr.on('data', (c: Buffer) => (output += c.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal })),
	);
	return { child, exited, output: () => output };
}

const waitFor = async (predicate: () => boolean, timeoutMs: number) => {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 250));
	}
};

describe('local stack (npm start)', () => {
	test('npm start -- --smoke starts every part, each answers, and it exits 0', async () => {
		const run = npmStart(['--smoke', ...EPHEMERAL]);
		const { code } = await run.exited;
		const out = run.output();
		expect({ code, out }).toMatchObject({ code: 0 });
		expect(out).toMatch(/UP\s+ForceManager simulator\s+http:\/\/127\.0\.0\.1:\d+\/__admin\/health/);
		expect(out).toMatch(/UP\s+n8n\s+http:\/\/127\.0\.0\.1:\d+\/healthz/);
		expect(out).toMatch(/UP\s+n8n owner login/);
		expect(out).toMatch(/UP\s+ForceManager API login \(demo keys\)/);
		// the Sage 50 bridge (simulated company) answers, and its URL, API key and credential are printed
		expect(out).toMatch(/UP\s+Sage 50 bridge\s+http:\/\/127\.0\.0\.1:\d+\/health/);
		expect(out).toMatch(/Sage 50 bridge\s+http:\/\/127\.0\.0\.1:\d+\s+\(X-API-Key demo-bridge-key\)/);
		expect(out).toMatch(/\[sage50UkiApi, id sfmSage50Bridge\]/);
		expect(out).toContain('SMOKE OK');
		const folder = /n8n data and logs\s+(\S+)/.exec(out)?.[1];
		expect(folder).toBeDefined();
		expect(fs.existsSync(folder!)).toBe(false); // throw-away user folder removed on exit
	});

	test('npm start runs until Ctrl+C, then stops n8n and the simulators', async () => {
		const run = npmStart(EPHEMERAL);
		await waitFor(() => run.output().includes('Press Ctrl+C') || run.child.exitCode !== null, 300_000);
		const out = run.output();
		const n8nUrl = /n8n editor\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
		const fmApi = /ForceManager API\s+(http:\/\/127\.0\.0\.1:\d+\/api\/v4)/.exec(out)?.[1];
		const bridgeUrl = /Sage 50 bridge\s+(http:\/\/127\.0\.0\.1:\d+)\s/.exec(out)?.[1];
		expect({ n8nUrl, fmApi, bridgeUrl, out }).toMatchObject({
			n8nUrl: expect.any(String),
			fmApi: expect.any(String),
			bridgeUrl: expect.any(String),
		});
		expect((await fetch(`${bridgeUrl}/health`)).ok).toBe(true);
		expect((await fetch(`${n8nUrl}/healthz`)).ok).toBe(true);

		process.kill(-run.child.pid!, 'SIGINT');
		// npm itself dies of the SIGINT like in a terminal; the stack exits 0 after stopping everything.
		const { code, signal } = await run.exited;
		expect(code === 0 || signal === 'SIGINT').toBe(true);
		const down = async (url: string, init?: RequestInit) =>
			fetch(url, init).then(
				() => false,
				() => true,
			);
		let n8nDown = false;
		for (let i = 0; i < 120 && !(n8nDown = await down(`${n8nUrl}/healthz`)); i++) await new Promise((r) => setTimeout(r, 500));
		expect(n8nDown).toBe(true);
		expect(await down(`${fmApi}/login`, { method: 'POST' })).toBe(true);
		expect(await down(`${bridgeUrl}/health`)).toBe(true);
		expect(run.output()).toContain('[stack] stopping');
	});
});
