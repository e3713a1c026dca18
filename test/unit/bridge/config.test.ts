// The configuration file: defaults, errors that name the key, secrets from the environment, and the
// production rules (the admin API never with adapter "sage").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromArgs } from '../../../bridge/src/cli';
import { ConfigError, loadConfig, parseConfig } from '../../../bridge/src/config';

const KEY = 'k'.repeat(24);
const problems = (input: unknown, env: NodeJS.ProcessEnv = {}): string[] => {
	try {
		parseConfig(input, env);
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
};
const sage = { odbc: { connectionString: 'DSN=SageLine50v32' }, localDb: 'C:\\ProgramData\\Sage50Bridge\\bridge.db', sdo: { accdata: 'C:\\ACCDATA', user: 'SYNC' } };

describe('configuration file', () => {
	it('fills the defaults: simulated company, loopback, admin off, 24 h idempotency, info logs', () => {
		const c = parseConfig({ apiKey: KEY }, {});
		expect(c).toMatchObject({
			adapter: 'simulated',
			simulated: { db: ':memory:', seed: 'demo' },
			listen: { host: '127.0.0.1', port: 8085 },
			admin: { enabled: false },
			idempotencyTtl: '24h',
			log: { level: 'info', rotate: { frequency: 'daily', size: '20m', keep: 14 } },
		});
		expect(c.sage).toBeUndefined();
		expect(c.listen.tls).toBeUndefined();
	});

	it('fills the sage defaults (capture, text encoding, SDO)', () => {
		const c = parseConfig({ apiKey: KEY, adapter: 'sage', sage }, {});
		expect(c.sage).toMatchObject({
			sdo: { enabled: true, progId: 'SDOEngine.32', accdata: 'C:\\ACCDATA', user: 'SYNC' },
			capture: { intervalSeconds: 30, overlapSeconds: 120, keyListingMinutes: 15 },
			textEncoding: { codePage: 'windows-1252', onUnsupported: 'fail' },
		});
	});

	it('sage.textEncoding and sage.imagesDir: the text rule also holds for the simulated company, which needs no ODBC', () => {
		const c = parseConfig({ apiKey: KEY, sage: { textEncoding: { codePage: 'windows-1250', onUnsupported: 'transliterate' } } }, {});
		expect([c.adapter, c.sage?.textEncoding]).toEqual(['simulated', { codePage: 'windows-1250', onUnsupported: 'transliterate' }]);
		expect(parseConfig({ apiKey: KEY, adapter: 'sage', sage: { ...sage, imagesDir: 'C:\\Sage\\PICTURES' } }, {}).sage?.imagesDir).toBe('C:\\Sage\\PICTURES');
	});

	it('names every bad key', () => {
		expect(problems({})).toEqual(['apiKey is required']);
		expect(problems({ apiKey: 'short' })).toEqual(['apiKey must NOT have fewer than 16 characters']);
		expect(problems({ apiKey: KEY, listen: { port: 70000, hots: 'x' }, adapter: 'windows' })).toEqual(
			expect.arrayContaining(['listen.hots is not a known key (a typo?)', 'listen.port must be <= 65535', 'adapter must be one of "simulated", "sage"']),
		);
		expect(problems({ apiKey: KEY, listen: { tls: { cert: 'c.pem' } } })).toEqual(['listen.tls.key is required']);
		expect(problems({ apiKey: KEY, adapter: 'sage', sage: { ...sage, odbc: {} } })).toEqual(['sage.odbc.connectionString is required']);
		expect(problems({ apiKey: KEY, adapter: 'sage' })[0]).toMatch(/^sage is required when adapter is "sage"/);
		expect(problems({ apiKey: KEY, adapter: 'sage', sage: { ...sage, sdo: {} } })).toEqual([
			expect.stringMatching(/^sage\.sdo\.accdata is required/),
			expect.stringMatching(/^sage\.sdo\.user is required/),
		]);
		const { odbc: _odbc, localDb: _localDb, ...withoutOdbc } = sage;
		expect(problems({ apiKey: KEY, adapter: 'sage', sage: withoutOdbc })).toEqual([
			expect.stringMatching(/^sage\.odbc is required when adapter is "sage"/),
			expect.stringMatching(/^sage\.localDb is required when adapter is "sage"/),
		]);
		expect(problems({ apiKey: KEY, sage: { textEncoding: { codePage: 'windows-9999' } } })).toEqual([
			expect.stringMatching(/^sage\.textEncoding\.codePage: .*"windows-9999" is not a code page/),
		]);
		expect(problems({ apiKey: KEY, idempotencyTtl: 'soon' })).toEqual([expect.stringMatching(/^idempotencyTtl must be a duration/)]);
		expect(problems([])).toEqual(['the file must hold one JSON object']);
	});

	it('sage.users: the users directory, [] by default; each entry a logon name (≤ 30) and an e-mail, problems named by index', () => {
		expect(parseConfig({ apiKey: KEY, adapter: 'sage', sage }, {}).sage?.users).toEqual([]);
		const users = [
			{ userName: 'MANAGER', fullName: 'Sage Administrator', email: 'admin@democompany.example', userType: 'Administrator' },
			{ userName: 'Sarah Jones', email: 'Sarah.Jones@DemoCompany.example' },
		];
		expect(parseConfig({ apiKey: KEY, adapter: 'sage', sage: { ...sage, users } }, {}).sage?.users).toEqual(users);
		const bad = [
			{ userName: 'TOM' },
			{ userName: 'ANN', email: 'ann at example' },
			{ userName: 'X'.repeat(31), email: 'x@example.co.uk', mail: 'x@example.co.uk' },
			{ userName: '', email: 'e@example.co.uk', userType: 'Owner' },
			{ userName: 'tom', email: 'tom@example.co.uk' },
			{ userName: 'Tom', email: 'tom.baker@example.co.uk' },
		];
		expect(problems({ apiKey: KEY, adapter: 'sage', sage: { ...sage, users: bad } }).sort()).toEqual(
			[
				'sage.users[0].email is required',
				'sage.users[1].email must match format "email"',
				'sage.users[2].userName must NOT have more than 30 characters',
				'sage.users[2].mail is not a known key (a typo?)',
				'sage.users[3].userName must NOT have fewer than 1 characters',
				'sage.users[3].userType must be one of "Administrator", "Standard"',
			].sort(),
		);
		// Names that differ only in case are one Sage logon given twice (a typo), once the entries are valid.
		expect(problems({ apiKey: KEY, adapter: 'sage', sage: { ...sage, users: bad.slice(4) } })).toEqual(['sage.users[1].userName "Tom" is already given at sage.users[0]']);
		expect(problems({ apiKey: KEY, adapter: 'sage', sage: { ...sage, users: { userName: 'TOM' } } })).toEqual(['sage.users must be array']);
	});

	it('refuses the admin API with adapter "sage" (issue 9 §5), without its own key, or with the API key', () => {
		expect(problems({ apiKey: KEY, adapter: 'sage', sage, admin: { enabled: true, apiKey: 'a'.repeat(20) } })).toEqual([
			expect.stringMatching(/^admin\.enabled must be false with adapter "sage"/),
		]);
		expect(problems({ apiKey: KEY, admin: { enabled: true } })).toEqual([expect.stringMatching(/^admin\.apiKey is required/)]);
		expect(problems({ apiKey: KEY, admin: { enabled: true, apiKey: KEY } })).toEqual(['admin.apiKey must differ from apiKey']);
		expect(parseConfig({ apiKey: KEY, admin: { enabled: true, apiKey: 'a'.repeat(20) } }, {}).admin.enabled).toBe(true);
	});

	it('takes secrets from the environment over the file', () => {
		const c = parseConfig(
			{ apiKey: 'from-the-file-000000', adapter: 'sage', sage },
			{ BRIDGE_API_KEY: 'from-the-environment', BRIDGE_SDO_PASSWORD: 'pw', BRIDGE_ODBC_CONNECTION_STRING: 'DSN=X;UID=u;PWD=p' },
		);
		expect(c.apiKey).toBe('from-the-environment');
		expect(c.sage?.sdo.password).toBe('pw');
		expect(c.sage?.odbc.connectionString).toBe('DSN=X;UID=u;PWD=p');
		expect(parseConfig({}, { BRIDGE_API_KEY: KEY }).apiKey).toBe(KEY);
	});

	it('reads a file saved with a BOM and says which file is wrong', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-config-'));
		const file = join(dir, 'bridge.json');
		writeFileSync(file, `\uFEFF${JSON.stringify({ apiKey: KEY, listen: { port: 9000 } })}`);
		expect(loadConfig(file, {}).listen.port).toBe(9000);
		writeFileSync(file, '{ "apiKey": ');
		expect(() => loadConfig(file, {})).toThrow(new RegExp(`${file.replace(/[\\/.]/g, '.')} is not valid:\\n  - not valid JSON`));
		expect(() => loadConfig(join(dir, 'missing.json'), {})).toThrow(/cannot read the file/);
	});

	it('lays command-line flags over the file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-config-'));
		const file = join(dir, 'bridge.json');
		writeFileSync(file, JSON.stringify({ apiKey: KEY, listen: { host: '0.0.0.0', port: 9000 } }));
		const { input } = configFromArgs(['--config', file, '--port', '9100', '--admin-key', 'a'.repeat(20), '--seed', 'empty']);
		const c = parseConfig(input, {});
		expect(c.listen).toMatchObject({ host: '0.0.0.0', port: 9100 });
		expect(c.admin).toEqual({ enabled: true, apiKey: 'a'.repeat(20) });
		expect(c.simulated.seed).toBe('empty');
	});
});
