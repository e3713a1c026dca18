// Apply Sage Write-Back (A4, C1, O1) and User → Match by Email (U1) over real HTTP.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { admin, count, json, runNode, startSim } from './helpers';
import { mapped } from './mapped-support';

let sim: ForceManagerSimulator;
let fm: ReturnType<typeof admin>;

beforeAll(async () => {
	sim = await startSim();
	fm = admin(sim);
});
afterAll(async () => sim.close());
beforeEach(async () => {
	await fm.reset('empty');
	await fm.seed({
		branches: [{ id: 1, descriptionEN: 'Head Office' }],
		users: [
			{ id: 1, name: 'Alice', lastName: 'Admin', email: 'Alice.Admin@Wells.test' },
			{ id: 3, name: 'Ben', lastName: 'Carter', email: 'ben@wells.test' },
			{ id: 4, name: 'Gone', lastName: 'User', email: 'gone@wells.test', deleted: true },
		],
		accounts: [
			{ id: 40, name: 'Greenfield Garden Centre', branchId: 1, salesRepId1: 3 },
			{ id: 41, name: 'Deleted Prospect', branchId: 1, salesRepId1: 3, deleted: true },
		],
		contacts: [{ id: 50, firstName: 'Pat', lastName: 'Green', accountId: 40, branchId: 1, salesRepId: 3 }],
	});
	await fm.resetCounters();
});

/** A delivery token: the change is tracked by a ledger (a failure goes on to Confirm). */
const token = (key: string) => ({ consumer: 'n8n:wf:node:accounts', key, version: { order: 1, tag: 't' }, lease: 'l', attempts: 0 });

/** A Sage node result for an FM-born record, as the Sage 50 UKI node emits it. */
const sageResult = (resource: 'account' | 'contact', id: number, key: string, fields: IDataObject = {}, tracked = true): INodeExecutionData => ({
	json: {
		status: 'created',
		entity: resource,
		key,
		id: key,
		label: `${resource} ${key}`,
		writeBack: { resource, id, fields: { ...fields, extId: key } },
		...(tracked ? { delivery: token(String(id)) } : {}),
	},
});

describe('Apply Sage Write-Back (A4, C1)', () => {
	test('A4: the FM-born account gets its Sage reference and readOnly; the second run makes zero writes', async () => {
		const items = [
			sageResult('account', 40, 'GRE001', { readOnly: true }),
			{ json: { status: 'unchanged', entity: 'account', key: 'BRI001', id: 'BRI001', label: 'account BRI001' } },
			sageResult('account', 41, 'DEL001', { readOnly: true }),
			sageResult('account', 999, 'MIS001', { readOnly: true }),
			sageResult('contact', 50, 'GRE001/1'),
		];
		const run = async () =>
			json((await runNode(sim, { resource: 'account', operation: 'applyWriteBack' }, { items })).output);
		const out = await run();
		expect(out[0]).toMatchObject({ status: 'updated', id: 40, key: 'GRE001', changedFields: ['readOnly', 'extId'] });
		// A Sage result with nothing to write back keeps its own outcome (skipped, waiting, failed …).
		expect(out[1]).toMatchObject({ status: 'unchanged', key: 'BRI001' });
		expect(out[2]).toMatchObject({ status: 'failed', id: 41 });
		expect(out[2].reason).toMatch(/account DEL001.*41 is deleted/);
		expect(out[3]).toMatchObject({ status: 'failed', id: 999 });
		expect(out[3].reason).toMatch(/999 was not found/);
		expect(out[4]).toMatchObject({ status: 'failed' });
		expect(out[4].reason).toMatch(/for a contact/);
		// Failed items keep their token: Confirm retries them and lists them as dead letters.
		expect(out[2].delivery).toMatchObject({ key: '41' });
		expect(await fm.record('accounts', 40)).toMatchObject({ extId: 'GRE001', readOnly: true });
		let c = await fm.counters();
		expect(count(c, 'GET', '/api/v4/accounts')).toBe(1); // one id IN (...) read for the batch
		expect(count(c, 'PUT', '/api/v4/accounts/bulk')).toBe(1);
		expect(c.writes).toBe(1);

		await fm.resetCounters();
		const again = await run();
		expect(again[0]).toMatchObject({ status: 'unchanged', id: 40 });
		c = await fm.counters();
		expect(c.writes).toBe(0);
	});

	test('I-delivery: a write-back failing for a record no ledger tracks fails the run, naming it; a failed Sage result passing through does not', async () => {
		const passing = { json: { status: 'failed', entity: 'account', key: '', id: null, label: 'account 77', reason: 'rejected by Sage' } };
		const ok = await runNode(sim, { resource: 'account', operation: 'applyWriteBack' }, { items: [sageResult('account', 40, 'GRE001', { readOnly: true }, false), passing] });
		expect(json(ok.output).map((r) => r.status)).toEqual(['updated', 'failed']);
		await expect(
			runNode(sim, { resource: 'account', operation: 'applyWriteBack' }, { items: [sageResult('account', 999, 'MIS001', { readOnly: true }, false)] }),
		).rejects.toThrow(/1 of 1 account write-back records failed: account MIS001: account 999 was not found in ForceManager/);
	});

	test('C1: a contact write-back sets the contact extId', async () => {
		const out = json(
			(await runNode(sim, { resource: 'contact', operation: 'applyWriteBack' }, { items: [sageResult('contact', 50, 'GRE001/1')] }))
				.output,
		);
		expect(out[0]).toMatchObject({ status: 'updated', changedFields: ['extId'] });
		expect((await fm.record('contacts', 50)).extId).toBe('GRE001/1');
	});
});

describe('User → Match by Email (U1)', () => {
	test('U1: linked case-insensitively or unmatched with the reason; one user list, zero writes', async () => {
		const user = (email: string) => mapped('user', email.toLowerCase(), { email });
		const items = [
			user('alice.admin@wells.test'),
			user('Nobody@Wells.test'),
			user('gone@wells.test'),
			mapped('user', 'x@wells.test', {}, { sync: { action: 'skip', reason: 'no e-mail in Sage' } }),
		];
		const { output } = await runNode(sim, { resource: 'user', operation: 'matchByEmail' }, { items });
		const out = json(output);
		expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(out[0]).toMatchObject({ status: 'linked', id: 1, entity: 'user', key: 'alice.admin@wells.test' });
		expect(out[1]).toMatchObject({
			status: 'unmatched',
			id: null,
			reason: 'no ForceManager user with e-mail nobody@wells.test — invite the user in ForceManager; the API cannot create users',
		});
		expect(out[2]).toMatchObject({ status: 'unmatched' }); // a deleted FM user is no match
		expect(out[3]).toMatchObject({ status: 'skipped', reason: 'no e-mail in Sage' });
		const c = await fm.counters();
		expect(c.writes).toBe(0);
		expect(count(c, 'GET', '/api/v4/users')).toBe(1);
	});
});
