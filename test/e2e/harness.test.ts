// Self-test of the real-n8n harness: one throw-away n8n 2.40.7 per suite, nothing of n8n mocked.
// (a) `n8n execute` of Manual → Set → Code returns the items those nodes produced;
// (b) the packed package installs into the user folder and n8n loads every node/credential it declares;
// (c) a published Schedule Trigger workflow runs on its own under `n8n start`, and workflow static
//     data persists between its runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	nodeItems,
	nodeError,
	packageTypes,
	runError,
	type N8nInstance,
	type N8nServer,
	type PackedPackage,
} from '../../sandbox/n8n';
import { loadWorkflow, setupN8nSuite, startRequestSink, type RequestSink } from '../support/e2e';

// jest ignores `testTimeout` inside a `projects` entry, so the suite sets its own.
jest.setTimeout(600_000);

const fixtures = path.join(__dirname, 'fixtures', 'harness');
const SCHEDULE_ID = 'harnessScheduleCount';

describe('real-n8n harness', () => {
	let instance: N8nInstance;
	let pkg: PackedPackage;
	let sink: RequestSink;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		sink = await startRequestSink();
		({ instance, pkg } = await setupN8nSuite({
			name: 'harness',
			workflows: [
				loadWorkflow(path.join(fixtures, 'manual-set-code.json')),
				loadWorkflow(path.join(fixtures, 'failing-code.json')),
				loadWorkflow(path.join(fixtures, 'schedule-counter.json'), { SECONDS: 2, SINK_URL: sink.url }),
			],
			publish: [SCHEDULE_ID],
		}));
	});

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await sink?.close();
	});

	test('(a) n8n execute runs Manual Trigger → Set → Code and returns each node’s items', async () => {
		const result = await instance.execute('harnessManualSetCode');
		expect(result.ok).toBe(true);
		expect(runError(result.run)).toBeUndefined();
		expect(nodeItems(result.run, 'Set Fields')).toEqual([{ account: "O'BRIEN1", lines: 3 }]);
		expect(nodeItems(result.run, 'Split Lines')).toEqual([
			{ account: "O'BRIEN1", line: 1, total: 3 },
			{ account: "O'BRIEN1", line: 2, total: 3 },
			{ account: "O'BRIEN1", line: 3, total: 3 },
		]);
	});

	test('(a) a failing workflow resolves with the run, its error and the failing node', async () => {
		const result = await instance.execute('harnessFailingCode');
		expect(result.ok).toBe(false);
		expect(result.exitCode).not.toBe(0);
		expect(runError(result.run)?.message).toContain('harness: deliberate failure');
		expect(nodeError(result.run, 'Throw')?.message).toContain('harness: deliberate failure');
	});

	test('(b) the packed package is installed the way n8n installs community packages', () => {
		const nodesDir = path.join(instance.userFolder, '.n8n', 'nodes');
		expect(JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8'))).toMatchObject({
			name: 'installed-nodes',
			dependencies: { [pkg.name]: expect.stringContaining('.tgz') },
		});
		const installed = path.join(nodesDir, 'node_modules', pkg.name);
		expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(pkg.version);
		// peer dependency omitted: n8n-workflow must come from n8n itself at run time
		expect(fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
		for (const file of [...(pkg.n8n.nodes ?? []), ...(pkg.n8n.credentials ?? [])]) {
			expect(fs.existsSync(path.join(installed, file))).toBe(true);
		}
	});

	test('(c) n8n start runs the published Schedule Trigger workflow on its own; static data persists between runs', async () => {
		server = await instance.start();
		expect(await server.healthy()).toBe(true);
		const ticks = await sink.waitFor(3, 90_000);
		expect(ticks.map((t) => t.body)).toEqual([
			{ counter: 1, mode: 'production' },
			{ counter: 2, mode: 'production' },
			{ counter: 3, mode: 'production' },
		]);
		const executions = await instance.waitForExecutions(SCHEDULE_ID, 3);
		expect(executions.slice(0, 3).map((e) => [e.mode, e.status])).toEqual([
			['trigger', 'success'],
			['trigger', 'success'],
			['trigger', 'success'],
		]);
		const stored = instance.execution(executions[0].id);
		expect(stored?.run?.resultData.runData['Count Runs'][0].data?.main[0]?.[0].json).toEqual({
			counter: 1,
			mode: 'production',
		});
		const staticData = instance.staticData(SCHEDULE_ID) as { global?: { counter?: number } } | null;
		expect(staticData?.global?.counter).toBeGreaterThanOrEqual(3);
	});

	test('(b) n8n loads every node and credential type the package declares (derived from package.json)', () => {
		// nodes.json/credentials.json are n8n's own type listings, written by the `n8n start` of (c).
		const expected = packageTypes();
		const loaded = instance.loadedTypes();
		expect(loaded.nodes).toEqual(expect.arrayContaining(['n8n-nodes-base.scheduleTrigger']));
		expect(loaded.nodes).toEqual(expect.arrayContaining(expected.nodes));
		expect(loaded.credentials).toEqual(expect.arrayContaining(expected.credentials));
		const ours = loaded.nodes.filter((t) => t.startsWith(`${pkg.name}.`)).filter((t) => !t.endsWith('Tool'));
		expect(ours.sort()).toEqual([...expected.nodes].sort());
	});

	test('stopping the server leaves no n8n process behind', async () => {
		const pid = server!.pid;
		await server!.stop();
		expect(() => process.kill(-pid, 0)).toThrow();
		expect(await server!.healthy()).toBe(false);
	});
});
