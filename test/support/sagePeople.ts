// People working in Sage 50, for a bridge on the Sage adapter (which has no admin API): their edits
// are written straight into the Sage-shaped tables, as Sage's own program writes them — ODBC column
// names, RECORD_MODIFY_DATE stamped in UK local time from the bridge's clock, a deleted customer
// removed with its addresses and logged in DELETED_RECORDS, a deleted address or product flagged
// RECORD_DELETED — and nothing tells the bridge: its change capture finds them. Each edit then waits
// for the capture pass that follows it (the timer runs one every `capture.intervalSeconds`; here it
// is run at once, so a test's next poll sees the edit without sleeping).
// Sage's users are the bridge's users directory (`sage.users`), edited as its admin would.
// The bridge's counters, clock and faults are driven in-process (the service's Ops and BridgeClock).
import type { SQLInputValue } from 'node:sqlite';
import type { IDataObject } from 'n8n-workflow';
import type { SageRow } from '../../bridge/src/adapter';
import { controlClock, faultFrom } from '../../bridge/src/http/admin';
import { contractRow, type SageTable } from '../../bridge/src/sage/columns';
import { ODBC_RENAMES } from '../../bridge/src/sage/odbcNames';
import type { SqlRow } from '../../bridge/src/sage/sql';
import { toOdbcRow } from '../../bridge/src/sage/testing/sageSeed';
import { SAGE_TABLES, sageColumns } from '../../bridge/src/sage/testing/sageSchema';
import { CUSTOMER_DEFAULTS } from '../../bridge/src/sdo/fake/records';
import { FAKE_SDO_USER } from '../../bridge/src/sdo/fake';
import { addressReference } from '../../bridge/src/sim/rules';
import { ukLocal } from '../../bridge/src/time';
import { directoryEntry, type SageBridge } from './sageBridge';
import { type SageSide, workflowDeadLetters } from './sageSide';

type Row = Record<string, SQLInputValue>;

/** Only what a person can do in Sage's program; the simulator's seeding and resets have no Sage equivalent. */
function notInSage(what: string): () => Promise<never> {
	return () => Promise.reject(new Error(`${what} is not something a person does in Sage 50: the Sage adapter's tests start from the demo company file`));
}

export function sagePeople(bridge: SageBridge, apiKey: string): SageSide {
	const db = bridge.sage;
	const stamp = () => ukLocal(bridge.clock.nowSeconds()).sage;
	const today = () => ukLocal(bridge.clock.nowSeconds()).date;
	const all = (sql: string, ...params: SQLInputValue[]) => db.prepare(sql).all(...params) as Row[];
	const one = (sql: string, ...params: SQLInputValue[]) => all(sql, ...params)[0];
	/** The capture pass after an edit (as the timer would run it within its interval). */
	const captured = async <T>(value: T): Promise<T> => {
		await bridge.sageAdapter.capture.pass();
		return value;
	};
	/** A table's row in the contract's names, its RECORD_* dates kept as Sage wrote them. */
	const contract = (table: string, row: Row): IDataObject => {
		if (!(table in READABLE)) return row as IDataObject;
		const { _CREATE_UTC: _c, _MODIFY_UTC: _m, ...named } = contractRow(table as SageTable, row as SqlRow);
		return { ...named, RECORD_CREATE_DATE: row.RECORD_CREATE_DATE, RECORD_MODIFY_DATE: row.RECORD_MODIFY_DATE } as IDataObject;
	};
	/** Contract-named changes as ODBC columns: only the columns given (renamed codes, tax code ids). */
	const odbc = (table: string, changes: IDataObject): Row => {
		const mapped = toOdbcRow(table, changes as Row);
		const renames = ODBC_RENAMES[table] ?? {};
		const given = new Set(Object.keys(changes).map((k) => renames[k] ?? k));
		return Object.fromEntries(Object.entries(mapped).filter(([col]) => given.has(col)));
	};
	const insert = (table: string, row: Row) => {
		const cols = Object.keys(row);
		db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
	};
	/** A person saves a record: the given columns, RECORD_MODIFY_DATE now. */
	const save = (table: string, where: Row, changes: IDataObject) => {
		const set: Row = { ...odbc(table, changes), RECORD_MODIFY_DATE: stamp() };
		const keys = Object.keys(where);
		const result = db
			.prepare(`UPDATE ${table} SET ${Object.keys(set).map((c) => `${c} = ?`).join(', ')} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')} AND RECORD_DELETED = 0`)
			.run(...Object.values(set), ...Object.values(where));
		if (result.changes !== 1) throw new Error(`${table} ${JSON.stringify(where)}: no such record in Sage`);
		return contract(table, one(`SELECT * FROM ${table} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`, ...Object.values(where)));
	};
	/** Sage removes a record and logs it in DELETED_RECORDS (the capture re-checks each FOREIGN_REF). */
	const remove = (table: string, keyColumn: string, key: SQLInputValue) => {
		db.prepare(`DELETE FROM ${table} WHERE ${keyColumn} = ?`).run(key);
		const at = stamp();
		insert('DELETED_RECORDS', { TABLE_ID: 0, FOREIGN_REF: String(key), DELETION_DATE_TIME: at, FOREIGN_REF_TYPE: 0, RECORD_CREATE_DATE: at, RECORD_MODIFY_DATE: at });
	};
	const created = (columns: Row) => ({ ...columns, RECORD_CREATE_DATE: stamp(), RECORD_MODIFY_DATE: stamp(), RECORD_DELETED: 0 });

	return {
		reset: notInSage('Resetting the company'),
		seed: notInSage('Seeding records in bulk'),
		createSalesOrder: notInSage('Raising a sales order by hand in these tests'),
		// A person adds a user in Sage's User Management, and the admin adds them (with their e-mail) to
		// the bridge's users directory and restarts it: Sage has no users table to read them from.
		createUser: async (body) => {
			const entry = directoryEntry(body as SageRow);
			bridge.editUsers([...bridge.config.sage!.users, entry]);
			return (await bridge.sageAdapter.getUser(entry.userName)) as IDataObject;
		},
		table: async (name) => {
			if (name === 'USERS') return bridge.sageAdapter.users.list({ limit: Number.MAX_SAFE_INTEGER, includeDeleted: true }).items as IDataObject[];
			if (name.startsWith('BRIDGE_')) return bridge.sageAdapter.local.all(`SELECT * FROM ${name}`) as IDataObject[];
			if (!(name in SAGE_TABLES)) throw new Error(`No Sage table ${name}`);
			return all(`SELECT * FROM ${name}`).map((r) => contract(name, r));
		},

		createCustomer: async (body) => {
			const ref = String(body.ACCOUNT_REF).toUpperCase();
			// A reference Sage freed (a deleted customer) may be given to a new one.
			insert('SALES_LEDGER', { ...CUSTOMER_DEFAULTS, ...odbc('SALES_LEDGER', body), ACCOUNT_REF: ref, ...created({ DATE_ACCOUNT_OPENED: today() }) });
			return captured(contract('SALES_LEDGER', one('SELECT * FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ref)));
		},
		editCustomer: async (ref, body) => captured(save('SALES_LEDGER', { ACCOUNT_REF: ref.toUpperCase() }, body)),
		deleteCustomer: async (ref) => {
			const key = ref.toUpperCase();
			if (!one('SELECT ACCOUNT_REF FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', key)) throw new Error(`No customer ${key} in Sage`);
			for (const a of all('SELECT REFERENCE FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ?', key)) remove('SALES_DEL_ADDR', 'REFERENCE', a.REFERENCE);
			remove('SALES_LEDGER', 'ACCOUNT_REF', key);
			return captured({ deleted: key });
		},

		addAddress: async (ref, body) => {
			const account = ref.toUpperCase();
			const n = Number(one('SELECT COALESCE(MAX(ADDRESS_REF), 0) + 1 AS N FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ?', account)!.N);
			const reference = addressReference(account, n);
			insert('SALES_DEL_ADDR', { ...odbc('SALES_DEL_ADDR', body), ACCOUNT_REF: account, ADDRESS_REF: n, REFERENCE: reference, ...created({}) });
			return captured(contract('SALES_DEL_ADDR', one('SELECT * FROM SALES_DEL_ADDR WHERE REFERENCE = ?', reference)));
		},
		editAddress: async (ref, n, body) => captured(save('SALES_DEL_ADDR', { ACCOUNT_REF: ref.toUpperCase(), ADDRESS_REF: n }, body)),
		deleteAddress: async (ref, n) => captured(save('SALES_DEL_ADDR', { ACCOUNT_REF: ref.toUpperCase(), ADDRESS_REF: n }, { RECORD_DELETED: 1 })),

		createProduct: async (body) => {
			const code = String(body.STOCK_CODE);
			insert('STOCK', { ...odbc('STOCK', body), STOCK_CODE: code, ...created({}) });
			return captured(contract('STOCK', one('SELECT * FROM STOCK WHERE STOCK_CODE = ?', code)));
		},
		editProduct: async (code, body) => captured(save('STOCK', { STOCK_CODE: code }, body)),
		deleteProduct: async (code) => captured(save('STOCK', { STOCK_CODE: code }, { RECORD_DELETED: 1 })),

		editSalesOrder: async (n, body) => captured(save('SALES_ORDER', { ORDER_NUMBER: n }, body)),
		/** Invoicing a sales order in Sage: the order's lines, prices and totals copied; the order marked invoiced. */
		createInvoice: async (body) => {
			if (body.ORDER_NUMBER === undefined || body.ITEMS !== undefined) throw new Error('On the Sage adapter a person only invoices an existing sales order here ({ ORDER_NUMBER, POSTED? })');
			const order = one('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ? AND ORDER_TYPE_CODE = 0 AND RECORD_DELETED = 0', Number(body.ORDER_NUMBER));
			if (!order) throw new Error(`Sales order ${String(body.ORDER_NUMBER)} cannot be invoiced`);
			const number = Number(one('SELECT COALESCE(MAX(INVOICE_NUMBER), 0) + 1 AS N FROM INVOICE')!.N);
			const posted = body.POSTED === 1 ? 1 : 0;
			const copied = (table: string, from: Row) => Object.fromEntries(sageColumns(table).filter((c) => c in from && !c.startsWith('RECORD_')).map((c) => [c, from[c]]));
			insert('INVOICE', {
				...copied('INVOICE', order),
				INVOICE_NUMBER: number,
				INVOICE_TYPE_CODE: 1,
				INVOICE_DATE: today(),
				ORDER_NUMBER: String(order.ORDER_NUMBER),
				ORDER_NUMBER_NUMERIC: Number(order.ORDER_NUMBER),
				POSTED_CODE: posted,
				...created({}),
			});
			for (const line of all('SELECT * FROM SOP_ITEM WHERE ORDER_NUMBER = ? ORDER BY ITEM_NUMBER', order.ORDER_NUMBER)) {
				insert('INVOICE_ITEM', { ...copied('INVOICE_ITEM', line), INVOICE_NUMBER: number, QUANTITY: line.QTY_ORDER, ...created({}) });
			}
			db.prepare('UPDATE SALES_ORDER SET INVOICE_NUMBER = ?, INVOICE_NUMBER_NUMERIC = ?, DESPATCH_STATUS_CODE = 2, RECORD_MODIFY_DATE = ? WHERE ORDER_NUMBER = ?').run(
				String(number),
				number,
				stamp(),
				order.ORDER_NUMBER,
			);
			// Update Ledgers moves the balance (Sage does not restamp the customer for it).
			if (posted) db.prepare('UPDATE SALES_LEDGER SET BALANCE = ROUND(BALANCE + ?, 2) WHERE ACCOUNT_REF = ?').run(Number(order.INVOICE_GROSS), order.ACCOUNT_REF);
			return captured(contract('INVOICE', one('SELECT * FROM INVOICE WHERE INVOICE_NUMBER = ?', number)));
		},

		counters: async () => bridge.ops.counters(),
		resetCounters: async () => bridge.ops.resetCounters(),
		clock: async (body) => controlClock(bridge.clock, body as SageRow),
		deadLetters: (workflow) => workflowDeadLetters(bridge.url, apiKey, workflow),
		/**
		 * Sage's own refusals come from the fake SDO as real SDO errors, for as long as they last (until
		 * clearFaults; `count`, `route` and `method` do not narrow them): exclusive mode ends every logon
		 * and refuses new ones (24), the bridge's Sage user logged on by a person (23), locked files (48).
		 * Other modes (garbage from a proxy, a dropped connection, slowness) are injected in the HTTP layer.
		 */
		fault: async (body) => {
			const fault = faultFrom(body as SageRow);
			const sdo = bridge.sdo;
			if (sdo && fault.mode === 'EXCLUSIVE_MODE') {
				sdo.hooks.exclusiveMode(true);
				sdo.hooks.dropConnections();
			} else if (sdo && fault.mode === 'USER_IN_USE') {
				sdo.hooks.dropConnections();
				sdo.hooks.personLogsOn(FAKE_SDO_USER);
			} else if (sdo && fault.mode === 'SAGE_BUSY') {
				sdo.hooks.lockFiles(true);
			} else {
				bridge.ops.faults.push(fault);
			}
		},
		clearFaults: async () => {
			bridge.sdo?.hooks.exclusiveMode(false);
			bridge.sdo?.hooks.personLogsOff(FAKE_SDO_USER);
			bridge.sdo?.hooks.lockFiles(false);
			bridge.ops.faults = [];
		},
	};
}

/** The tables `contractRow` maps (the others keep their ODBC names, which are the contract's). */
const READABLE: Record<SageTable, true> = { SALES_LEDGER: true, SALES_DEL_ADDR: true, STOCK: true, SALES_ORDER: true, SOP_ITEM: true, INVOICE: true, INVOICE_ITEM: true };
