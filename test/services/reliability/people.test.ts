// The reliability harness's people (test/reliability/people.ts) against both simulators over HTTP,
// no n8n: the same seed makes the same edits, and the edit log says what the systems now hold.
import type { IDataObject } from 'n8n-workflow';

import { startBridge, type RunningBridge } from '../../../bridge/src';
import { BRIDGE_ADMIN } from '../../support/bridgeAdmin';
import { startForceManagerSimulator, type ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { canonical, type PairEntity } from '../../reliability/correspondence';
import { EditLog, type Edit } from '../../reliability/editLog';
import { People } from '../../reliability/people';
import { Random } from '../../reliability/random';
import { isLiveFm, isLiveSage, readState } from '../../reliability/state';
import { forceManagerAdmin, forceManagerReferenceData, sageAdmin } from '../../support/sync';

interface World {
	sim: ForceManagerSimulator;
	bridge: RunningBridge;
	fm: ReturnType<typeof forceManagerAdmin>;
	sage: ReturnType<typeof sageAdmin>;
}

async function world(): Promise<World> {
	const sim = await startForceManagerSimulator({ seed: 'empty', rateLimitPerSecond: 0 });
	const bridge = await startBridge({ apiKey: 'people-test', seed: 'demo', admin: BRIDGE_ADMIN });
	const fm = forceManagerAdmin(sim);
	await fm.seed(forceManagerReferenceData());
	return { sim, bridge, fm, sage: sageAdmin(bridge) };
}

/** Three gaps of people's work with one seed; the log without wall-clock times. */
async function work(w: World, seed: number): Promise<Array<Omit<Edit, 'at'>>> {
	const log = new EditLog();
	const people = new People({ seed, rng: new Random(seed).fork('people'), fm: w.fm, sage: w.sage, log, invalidRate: 0.2 });
	for (let gap = 1; gap <= 3; gap++) {
		log.gap = gap;
		await people.gap(15);
	}
	expect(people.refused).toEqual([]);
	return log.entries.map(({ at: _at, ...rest }) => rest);
}

describe('reliability people: seeded edits through the admin APIs', () => {
	const worlds: World[] = [];
	afterAll(async () => {
		for (const w of worlds) {
			await w.bridge.close();
			await w.sim.close();
		}
	});
	const fresh = async () => {
		const w = await world();
		worlds.push(w);
		return w;
	};

	test('the same seed makes the same edits (records, fields, values, order); another seed other ones', async () => {
		const first = await work(await fresh(), 7);
		const again = await work(await fresh(), 7);
		const other = await work(await fresh(), 8);
		expect(first.length).toBeGreaterThan(30);
		expect(new Set(first.map((e) => e.side))).toEqual(new Set(['sage', 'fm']));
		expect(again).toEqual(first);
		expect(other).not.toEqual(first);
	});

	test('the log says what each system now holds: the last logged value of every field is the record\'s canonical value on that side', async () => {
		const w = await fresh();
		const log = await work(w, 11);
		const state = await readState(w);
		const row = (e: Omit<Edit, 'at'>): IDataObject | undefined => {
			if (e.side === 'fm') {
				const entity = { account: 'accounts', contact: 'contacts', order: 'salesorders' }[e.entity as string] as 'accounts' | 'contacts' | 'salesorders' | undefined;
				return entity && state.fm[entity].find((r) => String(r.id) === e.record && isLiveFm(r));
			}
			const live = (rows: IDataObject[]) => rows.filter(isLiveSage);
			switch (e.entity) {
				case 'account':
					return live(state.sage.SALES_LEDGER).find((r) => r.ACCOUNT_REF === e.record);
				case 'contact':
					return live(state.sage.SALES_DEL_ADDR).find((r) => `${String(r.ACCOUNT_REF)}/${String(r.ADDRESS_REF)}` === e.record);
				case 'product':
					return live(state.sage.STOCK).find((r) => r.STOCK_CODE === e.record);
				case 'order':
					return live(state.sage.SALES_ORDER).find((r) => String(r.ORDER_NUMBER) === e.record);
				default:
					return undefined;
			}
		};
		const latest = new Map<string, { edit: Omit<Edit, 'at'>; field: string; value: string }>();
		for (const e of log) for (const [field, value] of Object.entries(e.fields)) latest.set(`${e.side}|${e.entity}|${e.record}|${field}`, { edit: e, field, value });
		let compared = 0;
		for (const { edit, field, value } of latest.values()) {
			const current = row(edit);
			if (!current || log.some((d) => d.op === 'delete' && d.side === edit.side && d.record === edit.record)) continue;
			expect([edit.seq, field, canonical(edit.entity as PairEntity, edit.side, current)[field]]).toEqual([edit.seq, field, value]);
			compared++;
		}
		expect(compared).toBeGreaterThan(20);
		// Invalid on purpose: a name longer than Sage's 30-character CONTACT_NAME.
		for (const e of log.filter((x) => x.invalid)) expect(e.fields.name.length).toBeGreaterThan(30);
	});
});
