// Benchmark: the Sage adapter's change capture at scale (10k–50k customers, one contact address each),
// through unixODBC + the SQLite ODBC driver with the Sage dialect guard on — the path a real Sage 50
// takes through its own driver. Sage has no change feed, so capture cost grows with the company:
//   floor       one plain read of SALES_LEDGER and SALES_DEL_ADDR through the same connection;
//   first       the first pass (every record snapshotted and journaled as created);
//   quiet       a pass with nothing changed (what the timer costs every 30 s, once past the overlap);
//   edits       a pass after 1 % of the customers were edited in Sage;
//   listing     the periodic key listing that finds hard deletions (1 customer removed).
// Prints wall time, ratios against the floor measured in the same run, RSS growth, and the journal's
// counts checked against what was written (an independent count, not the capture's own figures).
// Nothing here is asserted: timings belong in benchmarks, not tests. Needs unixodbc + libsqliteodbc.
//
//   npx tsx bench/sage-capture.ts [customers=10000]
import type { SQLInputValue } from 'node:sqlite';

import { insertRow, toOdbcRow } from '../bridge/src/sage/testing/sageSeed';
import { CUSTOMER_DEFAULTS } from '../bridge/src/sdo/fake/records';
import { addressReference } from '../bridge/src/sim/rules';
import { openSageTestCompany } from '../test/support/sageOdbc/company';

const customers = Number(process.argv[2] ?? 10_000);
const ref = (i: number) => `C${String(i).padStart(7, '0')}`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const t = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

const mb = () => process.memoryUsage().rss / 2 ** 20;

async function main(): Promise<void> {
	const company = openSageTestCompany('empty');
	try {
		const stamp = company.stamp();
		company.sage.exec('BEGIN');
		for (let i = 1; i <= customers; i++) {
			const account = ref(i);
			const row: Record<string, SQLInputValue> = { ...CUSTOMER_DEFAULTS, ACCOUNT_REF: account, NAME: `Customer ${i} Ltd`, ADDRESS_1: `${i} High Street`, COUNTRY_CODE: 'GB', RECORD_DELETED: 0 };
			insertRow(company.sage, 'SALES_LEDGER', toOdbcRow('SALES_LEDGER', row, stamp));
			const address: Record<string, SQLInputValue> = { ACCOUNT_REF: account, ADDRESS_REF: 1, REFERENCE: addressReference(account, 1), ADDRESS_TYPE: 1, CONTACT_NAME: `Person ${i}`, RECORD_DELETED: 0 };
			insertRow(company.sage, 'SALES_DEL_ADDR', toOdbcRow('SALES_DEL_ADDR', address, stamp));
		}
		company.sage.exec('COMMIT');

		const adapter = company.adapter({ config: { capture: { intervalSeconds: 30, overlapSeconds: 120, keyListingMinutes: 15 } } });
		const journal = adapter.capture['journal'] as { entries(entity: string, after: number, limit: number): Array<{ seq: number; key: string; deleted?: boolean }> };
		const count = (entity: string) => journal.entries(entity, 0, 10 * customers).length;
		const rss0 = mb();
		const pass = (seconds: number, listing = false) => {
			company.clock.advance(seconds);
			return timed(() => adapter.capture.pass({ listing }));
		};

		const first = await pass(5);
		const firstCounts = { customers: count('customers'), addresses: count('addresses') };
		// A pass re-reads what changed up to 120 s (the overlap) before the last one began, so the records
		// written just before the first pass are read once more; the pass after that is the steady quiet one.
		await pass(200);
		const quiet = await pass(200);
		const quietCounts = { customers: count('customers'), addresses: count('addresses') };

		const headBeforeEdits = Math.max(0, ...journal.entries('customers', 0, 10 * customers).map((e) => e.seq));
		const edited = Math.max(1, Math.floor(customers / 100));
		company.clock.advance(1);
		for (let i = 1; i <= edited; i++) company.edit('SALES_LEDGER', 'ACCOUNT_REF', ref(i * 100), { TELEPHONE: `0117 ${i}` });
		const edits = await pass(200);
		const editCounts = { journaled: journal.entries('customers', headBeforeEdits, 10 * customers).length };

		company.sage.prepare('DELETE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?').run(ref(customers));
		const listing = await pass(200, true);
		const deleted = journal.entries('customers', 0, 10 * customers).filter((e) => e.deleted).length;
		const rss1 = mb();
		await adapter.close();

		// Last: a second ODBC connection to the SQLite file, even closed, leaves the adapter's connection
		// reading a stale snapshot (unixODBC + the SQLite driver; seen here, not on Sage's driver).
		const connection = company.connection();
		const floor = await timed(async () => (await connection.query('SELECT * FROM SALES_LEDGER')).length + (await connection.query('SELECT * FROM SALES_DEL_ADDR')).length);
		await connection.close();

		const rows = firstCounts.customers + firstCounts.addresses;
		const line = (name: string, ms: number, note: string) => console.log(`${name.padEnd(8)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / floor.ms).toFixed(2).padStart(6)}× floor  ${note}`);
		console.log(`Sage adapter change capture: ${customers} customers + ${customers} contact addresses (unixODBC + SQLite ODBC driver, dialect guard on)`);
		line('floor', floor.ms, `${floor.value} rows read once`);
		line('first', first.ms, `${rows} records journaled (${firstCounts.customers} customers, ${firstCounts.addresses} addresses); ${(first.ms / rows).toFixed(2)} ms a record`);
		line('quiet', quiet.ms, `journal grew by ${quietCounts.customers + quietCounts.addresses - rows} (expected 0)`);
		line('edits', edits.ms, `${edited} customers edited in Sage; journaled as updated ${editCounts.journaled} (expected ${edited})`);
		line('listing', listing.ms, `1 customer removed; deletions journaled ${deleted} (expected 1)`);
		console.log(`RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MiB over the five passes`);
		const ok = firstCounts.customers === customers && firstCounts.addresses === customers && quietCounts.customers + quietCounts.addresses === rows && editCounts.journaled === edited && deleted === 1;
		console.log(ok ? 'counts as expected' : 'COUNTS DIFFER from what was written');
		if (!ok) process.exitCode = 1;
	} finally {
		await company.close();
	}
}

void main();
