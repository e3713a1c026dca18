// The CLI (`npm run sim:forcemanager -- ...`) starts a working simulator with the given options, and the
// vendored swagger stays byte-identical to the shared reference copy when that copy is present.
import axios from 'axios';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SWAGGER_PATH } from '../../support/swagger';

const ROOT = join(__dirname, '..', '..', '..');

function startCli(args: string[]): Promise<{ child: ChildProcess; baseUrl: string }> {
	const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'sandbox', 'forcemanager', 'cli.ts'), ...args], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /listening on (http:\/\/\S+\/api\/v4)/.exec(out);
			if (m) resolve({ child, baseUrl: m[1] });
		});
		child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
		child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${err}`)));
	});
}

describe('sim:forcemanager CLI', () => {
	let child: ChildProcess | undefined;
	afterEach(() => {
		child?.kill('SIGTERM');
		child = undefined;
	});

	it('honours --port 0, --seed empty, --keys and --session-ttl', async () => {
		const started = await startCli(['--port', '0', '--seed', 'empty', '--keys', 'cli-pub:cli-priv:42', '--session-ttl', '5', '--rate', '0']);
		child = started.child;
		const http = axios.create({ baseURL: started.baseUrl, validateStatus: () => true, proxy: false });
		expect((await http.post('/login', { username: 'demo-public', password: 'demo-private' })).status).toBe(401);
		const login = await http.post('/login', { username: 'cli-pub', password: 'cli-priv' });
		expect(login.status).toBe(200);
		const headers = { 'X-Session-Key': login.data.token };
		expect((await http.get('/accounts', { headers })).data).toEqual([]);
		const origin = started.baseUrl.replace(/\/api\/v4$/, '');
		await axios.post(`${origin}/__admin/seed`, { users: [{ id: 42, name: 'Cli', email: 'cli@example.com' }], branches: [{ id: 1, descriptionEN: 'HQ' }] });
		const created = await http.post('/accounts', { name: 'From CLI', branchId: 1, salesRepId1: 42 }, { headers });
		expect((await http.get(`/accounts/${created.data.id}`, { headers })).data.salesRepIdCreated).toBe(42);
		await axios.post(`${origin}/__admin/clock`, { advanceSeconds: 6 });
		expect((await http.get('/accounts', { headers })).status).toBe(401);
	});

	it('rejects unknown options', async () => {
		await expect(startCli(['--colour', 'blue'])).rejects.toThrow(/Unknown option --colour/);
	});
});

describe('vendored swagger', () => {
	const shared = '/work/shared/specs/forcemanager-v4.swagger.json';
	(existsSync(shared) ? it : it.skip)('is byte-identical to the shared reference copy', () => {
		expect(readFileSync(SWAGGER_PATH).equals(readFileSync(shared))).toBe(true);
	});
});
