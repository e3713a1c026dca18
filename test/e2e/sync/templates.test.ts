// The shipped templates (workflows/*.json) in a real n8n 2.40.7: they import as they are, name the
// demo credentials and the error workflow, explain their rules in sticky notes, and every sync
// template publishes (activation polls once) and runs a first cycle against the demo data of both
// simulators without failing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { asRun, nodeItems, packageTypes, TEMPLATES_DIR } from '../../../sandbox/n8n';
import { FM_CREDENTIAL_ID, SAGE_CREDENTIAL_ID, startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(900_000);

const FILES: Record<string, { id: string; rules: string[] }> = {
	'sage-to-fm-accounts': { id: 'sfmSageToFmAccounts', rules: ['A1', 'A2', 'A3', 'A6', 'U2'] },
	'sage-to-fm-contacts': { id: 'sfmSageToFmContacts', rules: ['C1', 'C2', 'C3', 'U2'] },
	'sage-to-fm-products': { id: 'sfmSageToFmProducts', rules: ['P1', 'P2', 'P3', 'P4', 'P5'] },
	'sage-to-fm-sales-orders': { id: 'sfmSageToFmOrders', rules: ['O1', 'O2', 'U2'] },
	'sage-to-fm-invoices': { id: 'sfmSageToFmInvoices', rules: ['O2'] },
	'sage-to-fm-users': { id: 'sfmSageToFmUsers', rules: ['U1'] },
	'fm-to-sage-accounts': { id: 'sfmFmToSageAccounts', rules: ['A4', 'A5'] },
	'fm-to-sage-contacts': { id: 'sfmFmToSageContacts', rules: ['C1', 'C2', 'C3'] },
	'fm-to-sage-sales-orders': { id: 'sfmFmToSageOrders', rules: ['O1'] },
	'error-handler': { id: 'sfmErrorHandler', rules: [] },
	'replay-dead-letters': { id: 'sfmReplayDeadLetters', rules: [] },
};

const read = (file: string) =>
	JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, `${file}.json`), 'utf8')) as {
		id: string;
		name: string;
		active: boolean;
		nodes: Array<IDataObject & { name: string; type: string; parameters: IDataObject }>;
		connections: IDataObject;
		settings: IDataObject;
	};

describe('workflow templates', () => {
	test('files, ids, credentials, error workflow and sticky notes naming every rule', () => {
		expect(fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(
			Object.keys(FILES).map((f) => `${f}.json`).sort(),
		);
		const types = new Set(packageTypes().nodes);
		for (const [file, { id, rules }] of Object.entries(FILES)) {
			const wf = read(file);
			expect([file, wf.id, wf.active]).toEqual([file, id, false]);
			expect(wf.id.length).toBeLessThanOrEqual(21);
			for (const node of wf.nodes) {
				if (!node.type.startsWith('n8n-nodes-base.')) expect(types).toContain(node.type);
				for (const [type, ref] of Object.entries((node.credentials ?? {}) as Record<string, { id: string }>)) {
					expect([node.name, type, ref.id]).toEqual([
						node.name,
						type,
						type === 'forceManagerApi' ? FM_CREDENTIAL_ID : SAGE_CREDENTIAL_ID,
					]);
				}
			}
			const notes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content));
			expect(notes.length).toBeGreaterThan(0);
			for (const rule of rules) {
				expect([file, rule, notes.some((n) => new RegExp(`\\b${rule}\\b`).test(n))]).toEqual([file, rule, true]);
			}
			if (file === 'error-handler') {
				expect(wf.nodes.map((n) => n.type)).toContain('n8n-nodes-base.errorTrigger');
				expect(wf.nodes.find((n) => n.name === 'Dead Letters')?.parameters).toMatchObject({ resource: 'syncDelivery', operation: 'getDeadLetters' });
				continue;
			}
			if (file === 'replay-dead-letters') {
				expect(wf.nodes.map((n) => n.parameters.operation).filter(Boolean)).toEqual(['getDeadLetters', 'replayDeadLetters']);
				continue;
			}
			expect(wf.settings.errorWorkflow).toBe('sfmErrorHandler');
			// trigger → Mapper → destination [→ write-back] → Confirm Delivery, one straight line
			const flow = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
			expect((flow[0].parameters.options as IDataObject).delivery).toBe('confirmed');
			expect(flow[1].type).toBe('n8n-nodes-sage50-forcemanager.sage50ForceManagerMapper');
			expect(flow[2].parameters.dataMode ?? flow[2].parameters.operation).toMatch(/^(mapped|matchByEmail)$/);
			expect(Object.keys(wf.connections)).toEqual(flow.slice(0, -1).map((n) => n.name));
			expect(flow[flow.length - 1].parameters).toEqual({ resource: 'syncDelivery', operation: 'confirm' });
			if (flow.length === 5) expect(flow[3].parameters.operation).toBe('applyWriteBack');
		}
	});

	describe('in a real n8n 2.40.7 with both simulators (demo data)', () => {
		let bench: SyncBench;

		beforeAll(async () => {
			bench = await startSyncBench({ name: 'sync-templates', forceManagerSeed: 'demo' });
		});

		afterAll(async () => {
			await bench?.dispose();
		});

		test('every template imports unchanged; every sync template publishes and runs a first cycle without failing', async () => {
			const stored = new Map(bench.instance.workflows().map((w) => [w.id, w]));
			for (const { id } of Object.values(FILES)) expect(stored.has(id)).toBe(true);
			const order = [
				'sage-to-fm-accounts',
				'sage-to-fm-products',
				'sage-to-fm-contacts',
				'sage-to-fm-sales-orders',
				'sage-to-fm-invoices',
				'sage-to-fm-users',
				'fm-to-sage-accounts',
				'fm-to-sage-contacts',
				'fm-to-sage-sales-orders',
			];
			const outcomes: Array<[string, string]> = [];
			for (const file of order) {
				const cycle = await bench.cycle(FILES[file].id);
				outcomes.push([file, cycle.execution?.status ?? 'no execution']);
				if (cycle.execution && cycle.execution.status !== 'success') {
					// Say which node failed and why, so a red test explains itself.
					outcomes[outcomes.length - 1][1] += ` ${JSON.stringify(cycle.error())}`;
				}
			}
			process.stdout.write(`template cycles: ${JSON.stringify(outcomes)}\n`);
			// A template with nothing to do in the demo data polls without an execution; none may fail,
			// except for what the demo tenant holds on purpose: three contacts whose External IDs another
			// integration set ("BRI001-1"). Their run fails at Confirm Delivery naming each, field and action.
			const failed = outcomes.filter(([, status]) => !['success', 'no execution'].includes(status));
			expect(failed.map(([f]) => f)).toEqual(['fm-to-sage-contacts']);
			const reason = String(failed[0][1]);
			expect(reason).toContain('3 of 4 records failed');
			for (const [label, key] of [['ForceManager contact 1 \\"Harriet Shaw\\"', 'BRI001-1'], ['ForceManager contact 2 \\"Tom Whitaker\\"', 'CAM001-1'], ['ForceManager contact 3 \\"Siobhán O\'Brien\\"', 'OBR001-1']]) {
				expect(reason).toContain(`${label}: External ID \\"${key}\\" is not a Sage key`);
			}
			expect(reason).toContain('clear it in ForceManager to create the record in Sage');
			expect(reason).toContain('"node":"Confirm Delivery"');
			expect(outcomes.find(([f]) => f === 'sage-to-fm-accounts')?.[1]).toBe('success');
			// The initial load reached ForceManager.
			const accounts = (await bench.fm.records('accounts')).filter((a) => a.extId && !a.deleted);
			const customers = (await bench.sage.table('SALES_LEDGER')).filter((c) => !c.RECORD_DELETED);
			expect(accounts.length).toBeGreaterThanOrEqual(customers.length);
		});

		test('a hard failure (Sage in exclusive mode) fails the run and the error workflow shows which workflow, node and message', async () => {
			// n8n 2.40.7 calls an error workflow only when it is published ("… is not active and cannot be executed").
			await bench.session.activate('sfmErrorHandler');
			const handlerRunsBefore = bench.instance.executions('sfmErrorHandler').length;
			await bench.sage.fault({ mode: 'EXCLUSIVE_MODE', count: 50, method: 'POST', route: '/customers' });
			try {
				await bench.fm.uiCreate('accounts', { name: 'Locked Out Ltd', branchId: 1, salesRepId1: 3 });
				const cycle = await bench.cycle(FILES['fm-to-sage-accounts'].id);
				expect(cycle.execution?.status).toBe('error');
				expect(cycle.error()?.node).toBe('Upsert Customers in Sage 50');
			} finally {
				await bench.sage.clearFaults();
			}
			const [handled] = (
				await bench.instance.waitForExecutions('sfmErrorHandler', handlerRunsBefore + 1, { timeoutMs: 30_000 })
			).slice(-1);
			const run = bench.instance.execution(handled.id)?.run;
			expect(run).toBeTruthy();
			const [failure] = nodeItems(asRun(run!), 'Failure');
			expect(failure).toMatchObject({
				workflow: read('fm-to-sage-accounts').name,
				workflowId: FILES['fm-to-sage-accounts'].id,
				node: 'Upsert Customers in Sage 50',
			});
			expect(String(failure.message)).not.toBe('');
			expect(String(failure.executionUrl)).toContain(`/workflow/${FILES['fm-to-sage-accounts'].id}/executions/`);
		});
	});
});
