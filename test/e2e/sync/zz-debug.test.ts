import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSyncBench, type SyncBench } from '../../support/sync';
jest.setTimeout(600_000);
let bench: SyncBench;
beforeAll(async () => { bench = await startSyncBench({ name: 'dbg', templates: ['sage-to-fm-accounts', 'sage-to-fm-products', 'error-handler'], forceManagerSeed: 'demo' }); });
afterAll(async () => { await bench?.dispose(); });
test('debug products', async () => {
	const a = await bench.cycle('sfmSageToFmAccounts');
	process.stdout.write(`accounts: ${a.execution?.status}\n`);
	const c = await bench.cycle('sfmSageToFmProducts');
	process.stdout.write(`products: ${c.execution?.status} ${JSON.stringify(c.error())}\n`);
	await new Promise((r) => setTimeout(r, 5000));
	const ex = bench.instance.executions('sfmSageToFmProducts');
	process.stdout.write(`products executions after 5s: ${JSON.stringify(ex.map((e) => [e.id, e.status]))}\n`);
	const log = fs.readFileSync(path.join(bench.instance.logDir, 'n8n-start.log'), 'utf8');
	process.stdout.write(log.split('\n').filter((l) => /error|Error|products|Products/.test(l)).slice(-30).join('\n'));
});
