// Invariant "values used in ForceManager `where` filters are escaped" (architecture §4), over real HTTP:
// hostile values go through every place the product builds a `where` — the builder, Get Many filters,
// the Define-Below and Mapped upserts' `extId IN (…)` look-ups (A2) and soft deletes (A6), the Sage 50
// trigger's hold look-ups and the ForceManager Trigger's filter — and only the intended records come
// back. The simulator evaluates SQL as the real API does (`'1'='1'` is true), and the control test shows
// that the same filters built without escaping do return extra rows, so these tests can fail.
import axios from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { quote, where } from '../../../nodes/shared/forcemanager/where';
import { knownInForceManager } from '../../../nodes/Sage50UkiTrigger/hold';
import { DEMO_KEYS, type ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { TriggerHarness } from '../forcemanager-trigger/harness';
import { createPollContext } from '../../support/n8nContext';
import { admin, credentials, json, runNode, startSim } from './helpers';
import { mapped, upsertParams } from './mapped-support';

/** extIds an escaping bug would turn into SQL (all ≤ 50 characters, the extId maximum). */
const HOSTILE = [
	"O'Brien",
	"x' OR '1'='1",
	"x'' OR ''1''=''1",
	"') OR ('1'='1",
	"x') OR extId IS NOT NULL OR ('1'='1",
	'--',
	"x' --",
	';',
	"x'; DELETE FROM accounts; --",
	'back\\slash',
	"\\' OR 1=1 OR '\\",
	'10%',
	'1_0',
	'O’Brien', // U+2019 right single quotation mark
	'＇ OR ＇1＇=＇1', // U+FF07 fullwidth apostrophes
	'NUL\u0000X',
	'ctl\u0001\u001fmid\ttab',
];

/** Records a broken filter would match instead of (or as well as) the intended ones. */
const DECOYS = ['x', '1', 'O', '100', '1a0', '10', '010', 'OBrien', "O''Brien", 'NULX', 'ctlmid\ttab', 'back', "'"];

const LONG = `${"O'Brien ".repeat(300)}x' OR '1'='1`; // 2 413 characters, 301 quotes
const TOO_LONG_FOR_A_URL = "'".repeat(9000); // escaped and URL-encoded: 54 000 bytes of query string

let sim: ForceManagerSimulator;
let fm: ReturnType<typeof admin>;
const idOf = new Map<string, number>();
/** Accounts without a hostile or decoy extId: the long comments and one without extId. */
let others: number[] = [];

beforeAll(async () => {
	sim = await startSim();
	fm = admin(sim);
});
afterAll(async () => sim.close());
beforeEach(async () => {
	await fm.reset('empty');
	const keys = [...HOSTILE, ...DECOYS];
	const { ids } = await fm.seed({
		branches: [{ id: 1, descriptionEN: 'Head Office' }],
		users: [{ id: 1, name: 'Alice', lastName: 'Admin', email: 'a@x.test' }],
		accounts: [
			...keys.map((extId, i) => ({ name: `Account ${i}`, extId, branchId: 1, salesRepId1: 1 })),
			{ name: 'Long comment', comment: LONG, branchId: 1, salesRepId1: 1 },
			{ name: 'Long comment minus one', comment: LONG.slice(0, -1), branchId: 1, salesRepId1: 1 },
			{ name: 'No extId', branchId: 1, salesRepId1: 1 },
		],
	});
	idOf.clear();
	keys.forEach((k, i) => idOf.set(k, ids.accounts[i]));
	idOf.set('LONG', ids.accounts[keys.length]);
	others = ids.accounts.slice(keys.length);
});

/** What the simulator answers to a `where`: ids, sorted; throws on anything but 200. */
async function select(filter: string, path = '/accounts'): Promise<number[]> {
	const { data } = await axios.post(`${sim.baseUrl}/login`, { username: DEMO_KEYS.publicKey, password: DEMO_KEYS.privateKey });
	const headers = { count: 500, 'X-Session-Key': data.token };
	const res = await axios.get(`${sim.baseUrl}${path}`, { params: { where: filter }, headers, validateStatus: () => true });
	if (res.status !== 200) throw new Error(`${filter}: HTTP ${res.status} ${JSON.stringify(res.data)}`);
	return (res.data as Array<{ id: number }>).map((r) => r.id).sort((a, b) => a - b);
}

const idsOf = (keys: string[]) => keys.map((k) => idOf.get(k)!).sort((a, b) => a - b);

/** The `where` of every list call the node made to `path`. */
function wheresSent(requests: Array<{ method: string; url: string; qs?: IDataObject }>, path: string): string[] {
	return requests.filter((r) => r.method === 'GET' && r.url === `${sim.baseUrl}${path}`).map((r) => String(r.qs?.where ?? ''));
}

describe('control: the simulator shows an escaping bug', () => {
	test('the upsert look-up built without escaping returns every record; escaped, only the intended one', async () => {
		const naive = (v: string) => where.and(`extId IN ('${v}')`, where.eq('deleted', false));
		const everyone = await select('deleted = false');
		expect(everyone.length).toBeGreaterThan(HOSTILE.length + DECOYS.length);
		expect(await select(naive("') OR ('1'='1"))).toEqual(everyone);
		expect(await select(`extId = '${"x' OR '1'='1"}'`)).toEqual(everyone);
		expect(await select(`extId = '${'10%'}' OR extId LIKE '${'10%'}'`)).toEqual(idsOf(['10%', '100', '10'])); // LIKE wildcard
		for (const v of ["') OR ('1'='1", "x' OR '1'='1", "\\' OR 1=1 OR '\\"]) {
			expect(await select(where.and(where.in('extId', [v]), where.eq('deleted', false)))).toEqual(idsOf([v]));
		}
	});
});

describe('Get Many filters', () => {
	test.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('extId equals %s returns only that record', async (_, value) => {
		const { output, ctx } = await runNode(sim, {
			resource: 'account',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'extId', operator: 'equals', value }] },
		});
		expect(json(output).map((r) => r.id)).toEqual(idsOf([value]));
		// The filter the node sent selects the same rows when replayed: nothing beyond the record.
		expect(await select(wheresSent(ctx.fake.requests, '/accounts')[0])).toEqual(idsOf([value]));
	});

	test('an extId that looks like a number is compared as text: 010 finds 010, not 10', async () => {
		const run = async (operator: string, value: string) =>
			json(
				(await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'extId', operator, value }] } }))
					.output,
			).map((r) => r.id);
		expect(await run('equals', '010')).toEqual(idsOf(['010']));
		expect(await run('in', '010, 1')).toEqual(idsOf(['010', '1']));
	});

	test('In List, Not Equals and a long value with 301 quotes select exactly what they say', async () => {
		const get = async (conditions: IDataObject[]) =>
			json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true, filters: { conditions } })).output).map((r) => r.id);
		expect((await get([{ field: 'extId', operator: 'in', value: "x' OR '1'='1, O'Brien" }])).sort((a, b) => Number(a) - Number(b))).toEqual(
			idsOf(["x' OR '1'='1", "O'Brien"]),
		);
		const notEquals = await get([{ field: 'extId', operator: 'notEquals', value: "') OR ('1'='1" }]);
		expect(notEquals).toHaveLength(HOSTILE.length + DECOYS.length - 1);
		expect(notEquals).not.toContain(idOf.get("') OR ('1'='1"));
		expect(await get([{ field: 'comment', operator: 'equals', value: LONG }])).toEqual([idOf.get('LONG')]);
	});

	test('LIKE: % and _ are wildcards by design, quotes in the pattern stay inside it', async () => {
		const like = async (value: string) =>
			json(
				(await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'extId', operator: 'like', value }] } }))
					.output,
			)
				.map((r) => r.id as number)
				.sort((a, b) => a - b);
		expect(await like('10%')).toEqual(idsOf(['10%', '100', '10']));
		expect(await like('1_0')).toEqual(idsOf(['1_0', '100', '1a0']));
		expect(await like("x' OR '1'='1%")).toEqual(idsOf(["x' OR '1'='1"]));
		expect(await like("%') OR ('1'='1")).toEqual(idsOf(["') OR ('1'='1"]));
	});

	test('a hostile field name, a raw filter that closes its group and a value too long for a URL fail clearly', async () => {
		const params = (extra: IDataObject) => ({ resource: 'account', operation: 'getAll', returnAll: true, ...extra });
		await expect(runNode(sim, params({ filters: { conditions: [{ field: "extId = 'x' OR 1=1 --", operator: 'equals', value: 'x' }] } }))).rejects.toThrow(
			/not a valid ForceManager field name/,
		);
		await expect(runNode(sim, params({ options: { where: "name = 'a') OR (1=1" } }))).rejects.toThrow(/cannot be used.*closes more/);
		await expect(runNode(sim, params({ options: { where: "name = 'a' --" } }))).rejects.toThrow(/cannot be used/);
		await expect(
			runNode(sim, params({ filters: { conditions: [{ field: 'comment', operator: 'equals', value: TOO_LONG_FOR_A_URL }] } })),
		).rejects.toThrow(/GET \/accounts.*431/);
	});
});

describe('upserts match by extId (A2) whatever the characters', () => {
	test('Define Below: each hostile extId updates exactly its record; decoys are untouched; the look-up selects only them', async () => {
		const items: INodeExecutionData[] = HOSTILE.map((extId, i) => ({ json: { extId, name: `Renamed ${i}` } }));
		const { output, ctx } = await runNode(
			sim,
			(i) => ({ resource: 'account', operation: 'upsert', extId: items[i].json.extId, fields: { name: items[i].json.name } }),
			{ items },
		);
		expect(json(output).map((r) => [r.status, r.id])).toEqual(HOSTILE.map((v) => ['updated', idOf.get(v)]));
		const lookups = wheresSent(ctx.fake.requests, '/accounts');
		expect(lookups).toHaveLength(1);
		expect(await select(lookups[0])).toEqual(idsOf(HOSTILE));
		const records = await fm.records('accounts');
		for (const decoy of DECOYS) expect(records.find((r) => r.id === idOf.get(decoy))?.name).toMatch(/^Account \d+$/);
		expect(records.filter((r) => String(r.name).startsWith('Renamed'))).toHaveLength(HOSTILE.length);
	});

	test('Mapped: soft deletes (A6) remove exactly the hostile keys; nothing else is touched', async () => {
		const deletes = HOSTILE.map((key) => mapped('account', key, { extId: key }, { sync: { action: 'delete' } }));
		const { output } = await runNode(sim, upsertParams('account'), { items: deletes });
		expect(json(output).map((r) => [r.status, r.id])).toEqual(HOSTILE.map((v) => ['deleted', idOf.get(v)]));
		const live = (await fm.records('accounts')).filter((r) => r.deleted !== true).map((r) => r.id as number);
		expect(live.sort((a, b) => a - b)).toEqual([...idsOf(DECOYS), ...others].sort((a, b) => a - b));
	});

	test('Mapped: a contact resolves its account by a hostile reference to exactly that account, or waits', async () => {
		const contact = (key: string, account: string) =>
			mapped('contact', key, { firstName: 'Jo', lastName: "O'Brien", extId: key, branchId: 1, salesRepId: 1 }, { references: { account } });
		const items = [contact("x' OR '1'='1/1", "x'' OR ''1''=''1"), contact('C2', "' OR '1'='1"), contact('C3', "') OR ('1'='1")];
		const { output } = await runNode(sim, upsertParams('contact'), { items });
		const out = json(output);
		expect(out.map((r) => r.status)).toEqual(['created', 'waiting', 'created']);
		expect((await fm.record('contacts', Number(out[0].id))).accountId).toMatchObject({ id: idOf.get("x'' OR ''1''=''1") });
		expect((await fm.record('contacts', Number(out[2].id))).accountId).toMatchObject({ id: idOf.get("') OR ('1'='1") });
	});
});

describe('look-ups of the triggers', () => {
	test("Sage 50 trigger hold: only references ForceManager really has are known, whatever their characters", async () => {
		const ctx = createPollContext({ credentials: credentials(sim) });
		const missing = ["' OR '1'='1", "x') OR ('1'='1", 'ZZZ\u0000', 'O`Brien'];
		const needs = [{ accounts: [...HOSTILE.filter((v) => v.trim() === v), ...missing] }];
		const known = await knownInForceManager.call(ctx, needs);
		expect([...known.accounts].sort()).toEqual(HOSTILE.filter((v) => v.trim() === v).sort());
		const lookups = wheresSent(ctx.fake.requests, '/accounts');
		const rows = (await Promise.all(lookups.map((w) => select(w)))).flat().sort((a, b) => a - b);
		expect(rows).toEqual(idsOf(HOSTILE.filter((v) => v.trim() === v)));
	});

	test('ForceManager Trigger: a filter with escaped hostile values emits only its record; one that closes its group fails the poll', async () => {
		const filter = `${where.or(where.eq('name', "x' OR '1'='1"), where.eq('name', "') OR ('1'='1"))}`;
		const trigger = new TriggerHarness(sim, { entity: 'accounts', options: { where: filter } });
		expect(await trigger.poll()).toBeNull(); // first poll starts from now
		await fm.clock({ advanceSeconds: 5 });
		const target = await fm.uiCreate('accounts', { name: "x' OR '1'='1", branchId: 1, salesRepId1: 1 });
		await fm.uiCreate('accounts', { name: 'x', branchId: 1, salesRepId1: 1 });
		await fm.uiCreate('accounts', { name: "x' OR '1'='2", branchId: 1, salesRepId1: 1 });
		await fm.uiUpdate('accounts', idOf.get('x')!, { phone: '1' });
		await fm.clock({ advanceSeconds: 5 });
		expect(await trigger.pollEvents()).toEqual([`created:${target.id}`]);

		const broken = new TriggerHarness(sim, { entity: 'accounts', options: { where: `name = ${quote('a')}) OR (1=1` } });
		await expect(broken.poll()).rejects.toThrow(/cannot be used/);
	});
});
