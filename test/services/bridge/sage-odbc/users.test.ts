// Sage users on the Sage adapter (U1): Sage has no users table, so they are the configuration's users
// directory (`sage.users`), served in the simulated company's USERS shape, paged as the contract says,
// and compared with the snapshot in the bridge's local database each time the bridge starts: users
// added, changed or removed in the directory reach the users feed as created / updated / deleted.
import { join } from 'node:path';
import type { ListQuery, SageRow } from '../../../../bridge/src/adapter';
import type { SageUserEntry } from '../../../../bridge/src/config';
import { seedCompany } from '../../../../bridge/src/seed/demo';
import type { SageOdbcAdapter } from '../../../../bridge/src/sage/adapter';
import { SimulatedCompany } from '../../../../bridge/src/sim/company';
import { BridgeClock, ukLocal } from '../../../../bridge/src/time';
import { type HookedConnection, openSageTestCompany, type SageTestCompany, SEEDED_AT } from '../../../support/sageOdbc/company';
import { DEMO_DIRECTORY } from '../../../support/sageBridge';

const all: ListQuery = { limit: 500, includeDeleted: true };
const names = (rows: SageRow[]) => rows.map((r) => r.USER_NAME);

let company: SageTestCompany;
let localDb: string;
let running: SageOdbcAdapter | undefined;

/** The bridge (re)started with this directory, on the same local database. */
async function start(users: readonly SageUserEntry[]): Promise<SageOdbcAdapter> {
	await running?.close();
	running = company.adapter({ config: { localDb, users } });
	return running;
}

beforeEach(() => {
	company = openSageTestCompany('demo');
	localDb = join(company.dir, 'bridge-users.db');
	running = undefined;
});

afterEach(async () => {
	await company.close();
});

describe('the users directory served as Sage users', () => {
	test('the same rows as the simulated demo company (the users with an e-mail), stamped when the bridge first saw them', async () => {
		const sage = await start(DEMO_DIRECTORY);
		const clock = new BridgeClock();
		clock.freeze(SEEDED_AT);
		const simulated = new SimulatedCompany(':memory:', clock);
		seedCompany(simulated, 'demo');
		const at = ukLocal(company.clock.nowSeconds()).iso;
		const expected = simulated
			.listUsers(all)
			.items.filter((u) => u.E_MAIL !== '')
			.map((u): SageRow => ({ ...u, RECORD_CREATE_DATE: at, RECORD_MODIFY_DATE: at }));
		simulated.store.close();
		expect(expected).toHaveLength(3);
		expect(await sage.listUsers(all)).toEqual({ items: expected, nextCursor: null });
		expect(await sage.getUser('Sarah Jones')).toEqual(expected.find((u) => u.USER_NAME === 'Sarah Jones'));
		// Logon names keep their case: the key is exact, as in the simulator.
		expect(await sage.getUser('tom')).toBeUndefined();
		expect(await sage.getUser('NOBODY')).toBeUndefined();
		// No user read from Sage: the directory is all there is.
		expect((sage.sql as HookedConnection).statements).toEqual([]);
	});

	test('sorted by USER_NAME (binary, as SQLite orders the simulator\'s), paged by key cursor; keys, modifiedSince and includeDeleted', async () => {
		const directory = [...DEMO_DIRECTORY, { userName: 'alice', email: 'alice@example.co.uk' }, { userName: 'Zed', email: 'zed@example.co.uk' }];
		let sage = await start(directory);
		const order = ['MANAGER', 'Sarah Jones', 'TOM', 'Zed', 'alice'];
		expect(names((await sage.listUsers(all)).items)).toEqual(order);
		const pages: unknown[][] = [];
		let after: string | undefined;
		do {
			const page = await sage.listUsers({ limit: 2, includeDeleted: false, after });
			pages.push(names(page.items));
			after = page.nextCursor ?? undefined;
		} while (after !== undefined);
		expect(pages).toEqual([['MANAGER', 'Sarah Jones'], ['TOM', 'Zed'], ['alice']]);
		expect(names((await sage.listUsers({ ...all, keys: ['TOM', 'alice', 'tom'] })).items)).toEqual(['TOM', 'alice']);

		company.clock.advance(600);
		const later = company.clock.nowSeconds();
		sage = await start(directory.filter((u) => u.userName !== 'Zed').map((u) => (u.userName === 'TOM' ? { ...u, fullName: 'Thomas Baker' } : u)));
		expect(names((await sage.listUsers({ ...all, includeDeleted: false })).items)).toEqual(['MANAGER', 'Sarah Jones', 'TOM', 'alice']);
		expect((await sage.listUsers({ ...all, modifiedSince: later })).items).toEqual([
			expect.objectContaining({ USER_NAME: 'TOM', NAME: 'Thomas Baker', RECORD_MODIFY_DATE: ukLocal(later).iso, RECORD_CREATE_DATE: ukLocal(later - 600).iso, RECORD_DELETED: 0 }),
			expect.objectContaining({ USER_NAME: 'Zed', RECORD_MODIFY_DATE: ukLocal(later).iso, RECORD_DELETED: 1 }),
		]);
		expect((await sage.listUsers({ ...all, modifiedSince: later + 1 })).items).toEqual([]);
		// A removed user reads as last seen, flagged deleted (as the simulator's getUser).
		expect(await sage.getUser('Zed')).toMatchObject({ E_MAIL: 'zed@example.co.uk', RECORD_DELETED: 1 });
	});
});

describe('the users feed across restarts', () => {
	const changes = async (sage: SageOdbcAdapter, after: number) =>
		(await sage.changes('users', after, 50)).items.map((c) => [c.change, c.key, c.source, c.record.E_MAIL, c.record.RECORD_DELETED]);

	test('users added, changed (e-mail, name) and removed in the directory between two starts are created / updated / deleted changes, once', async () => {
		let sage = await start(DEMO_DIRECTORY);
		expect(await changes(sage, 0)).toEqual([
			['created', 'MANAGER', 'sage', 'admin@democompany.example', 0],
			['created', 'Sarah Jones', 'sage', 'sarah.jones@democompany.example', 0],
			['created', 'TOM', 'sage', 'tom.baker@democompany.example', 0],
		]);
		const head = await sage.journalHead('users');

		// The same directory again: nothing.
		company.clock.advance(60);
		sage = await start(DEMO_DIRECTORY);
		expect(await sage.journalHead('users')).toBe(head);
		expect(sage.users.lastLoad).toEqual({ created: 0, updated: 0, deleted: 0 });

		company.clock.advance(60);
		const edited = [
			...DEMO_DIRECTORY.filter((u) => u.userName !== 'Sarah Jones').map((u) => (u.userName === 'TOM' ? { ...u, email: 'Tom.Baker@WellsOffice.co.uk' } : u)),
			{ userName: 'BEN', fullName: 'Ben Carter', email: 'Ben.Carter@WellsOffice.co.uk' },
		];
		sage = await start(edited);
		expect(sage.users.lastLoad).toEqual({ created: 1, updated: 1, deleted: 1 });
		expect((await changes(sage, head)).sort()).toEqual(
			[
				['created', 'BEN', 'sage', 'Ben.Carter@WellsOffice.co.uk', 0],
				['deleted', 'Sarah Jones', 'sage', 'sarah.jones@democompany.example', 1],
				['updated', 'TOM', 'sage', 'Tom.Baker@WellsOffice.co.uk', 0],
			].sort(),
		);
		const journal = await sage.journal('users', head, 50);
		// For the delivery ledger: BEN created in this batch, the others created at the first start.
		expect(journal.map((e) => [e.key, e.createdSeq === e.seq, e.createdSeq <= head, e.deleted]).sort()).toEqual([
			['BEN', true, false, false],
			['Sarah Jones', false, true, true],
			['TOM', false, true, false],
		]);
		// The feed's changedAt is when the bridge saw the change.
		expect(new Set((await sage.changes('users', head, 50)).items.map((c) => Date.parse(c.changedAt) / 1000))).toEqual(new Set([company.clock.nowSeconds()]));

		// Sarah Jones back in the directory: created anew (as a key reused in Sage).
		company.clock.advance(60);
		const afterEdit = await sage.journalHead('users');
		sage = await start([...edited, DEMO_DIRECTORY[1]]);
		expect(await changes(sage, afterEdit)).toEqual([['created', 'Sarah Jones', 'sage', 'sarah.jones@democompany.example', 0]]);
		expect((await sage.getUser('Sarah Jones'))?.RECORD_CREATE_DATE).toBe(ukLocal(company.clock.nowSeconds()).iso);
	});
});
