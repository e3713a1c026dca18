// The Sage company a fake SDO engine logs on to: the Sage-shaped SQLite file (sage/testing/), opened
// on a connection of its own (as SDO opens the company files itself, apart from ODBC), the clock
// Sage's program stamps records with, its users, and the state other Sage users put it in (logons,
// exclusive mode, locked files, records open in a screen). One per company file; every fake engine
// on it shares it, as every SDO session on a real ACCDATA shares QUEUE.DTA.
import type { SQLInputValue } from 'node:sqlite';
import { CodePage } from '../../codePage';
import { SqliteDb } from '../../local/sqliteDb';
import { SAGE_SCHEMA } from '../../sage/testing/sageTables';
import { BridgeClock, ukLocal } from '../../time';
import { SDO } from '../errors';

export type Row = Record<string, SQLInputValue>;

/** An SDO failure inside the fake: the engine's LastError becomes (code, text). */
export class SdoFailure extends Error {
	constructor(
		readonly code: number,
		text: string,
	) {
		super(text);
	}
}

/** Calls a test can make fail once with any SDO number (FakeSageCompany.hooks.failNext). */
export type FaultPoint = 'Connect' | 'Find' | 'AddNew' | 'Edit' | 'Update' | 'Load' | 'SetField';

export interface FakeSageOptions {
	/** The Sage-shaped company file (createSageCompanyFile made it). */
	file: string;
	/** The ACCDATA path Connect must be given. */
	dataPath: string;
	clock?: BridgeClock;
	/** Sage users and their passwords; default MANAGER with no password. */
	users?: Record<string, string>;
	/** What WorkSpace.Version answers; default 32.0.0.0 (the type library the notes describe). */
	version?: string;
	/** The code page the company stores text in (SDO writes other characters as "?"); default windows-1252. */
	codePage?: string;
}

export class FakeSageCompany {
	readonly db: SqliteDb;
	readonly dataPath: string;
	readonly clock: BridgeClock;
	readonly version: string;
	readonly codePage: CodePage;
	private readonly users: Record<string, string>;
	/** Users logged on now (the bridge's and people's): one logon per user (SDO error 23). */
	readonly sessions = new Set<string>();
	/** Raised by dropConnections: workspaces that logged on before it are kicked out. */
	epoch = 0;
	private exclusive = false;
	private filesLocked = false;
	private readonly open = new Set<string>();
	private readonly faults: { at: FaultPoint; code: number; text: string; field?: string }[] = [];
	/** Every SDO call the fake served, e.g. `SalesRecord.Update`, `SopPost.Items.Add` (tests read it). */
	readonly calls: string[] = [];

	constructor(options: FakeSageOptions) {
		this.db = new SqliteDb(options.file, SAGE_SCHEMA);
		this.dataPath = options.dataPath;
		this.clock = options.clock ?? new BridgeClock();
		this.version = options.version ?? '32.0.0.0';
		this.users = options.users ?? { MANAGER: '' };
		this.codePage = CodePage.of({ codePage: options.codePage ?? 'windows-1252', onUnsupported: 'fail' });
	}

	/**
	 * TEST-ONLY hooks: what other Sage users (and Sage itself) do to the company, so tests can make
	 * the fake answer each SDO failure the notes describe. Nothing in the bridge calls them.
	 */
	readonly hooks = {
		/** A person logs on as `user` in Sage (the bridge's logon as that user then fails: 23). */
		personLogsOn: (user: string) => void this.sessions.add(user.toUpperCase()),
		personLogsOff: (user: string) => void this.sessions.delete(user.toUpperCase()),
		/** A backup or month end holds exclusive mode (logons fail: 24). */
		exclusiveMode: (on: boolean) => void (this.exclusive = on),
		/** Another user holds the files (saves fail: 48 accounts busy). */
		lockFiles: (on: boolean) => void (this.filesLocked = on),
		/** A person has a record open in a Sage screen (editing or saving it fails: 93). Keys: ACCOUNT_REF, address REFERENCE, ORDER_NUMBER. */
		openInSage: (table: 'SALES_LEDGER' | 'SALES_DEL_ADDR' | 'SALES_ORDER', key: string | number) => void this.open.add(`${table}:${key}`),
		closeInSage: (table: 'SALES_LEDGER' | 'SALES_DEL_ADDR' | 'SALES_ORDER', key: string | number) => void this.open.delete(`${table}:${key}`),
		/** The next `at` call (on any object; for SetField, of `field` if given) fails with this SDO number and text. */
		failNext: (at: FaultPoint, code: number, text = `Simulated SDO error ${code}`, field?: string) => void this.faults.push({ at, code, text, field }),
		/** Sage ends every logon (a restart, a network drop): the next call of each workspace fails with 91, later ones with 16. */
		dropConnections: () => {
			this.epoch++;
			this.sessions.clear();
		},
	};

	/** Throws a queued failure for this call, if a test asked for one. */
	fault(at: FaultPoint, field?: string): void {
		const i = this.faults.findIndex((f) => f.at === at && (f.field === undefined || f.field === field));
		if (i < 0) return;
		const [f] = this.faults.splice(i, 1);
		throw new SdoFailure(f.code, f.text);
	}

	logOn(path: string, user: string, password: string): void {
		this.fault('Connect');
		if (this.exclusive) throw new SdoFailure(SDO.LogonExclusive, 'Program is in exclusive mode. Logon cannot proceed');
		if (normalisePath(path) !== normalisePath(this.dataPath)) throw new SdoFailure(SDO.BadDataPath, `Invalid data path: ${path}`);
		const name = Object.keys(this.users).find((u) => u.toUpperCase() === user.toUpperCase());
		if (name === undefined) throw new SdoFailure(SDO.LogonFail, `Logon failed for user ${user}`);
		if (this.users[name] !== password) throw new SdoFailure(SDO.LogonPassword, 'Invalid password');
		if (this.sessions.has(name.toUpperCase())) throw new SdoFailure(SDO.LogonNameInUse, 'Username is already in use');
		this.sessions.add(name.toUpperCase());
	}

	/** Saving is refused while another user holds the files (48) or has this record open (93). */
	assertWritable(table: string, key?: string | number): void {
		if (this.filesLocked) throw new SdoFailure(SDO.FileLockedAccountsBusy, 'File locked - accounts busy');
		if (key !== undefined && this.open.has(`${table}:${key}`)) throw new SdoFailure(SDO.UserBeingEdited, 'This record is being edited by another user');
	}

	isOpenInSage(table: string, key: string | number): boolean {
		return this.open.has(`${table}:${key}`);
	}

	/** RECORD_CREATE_DATE / RECORD_MODIFY_DATE for now: UK local wall-clock, whole seconds (as Sage stamps them). */
	stamp(): string {
		return ukLocal(this.clock.nowSeconds()).sage;
	}

	today(): string {
		return ukLocal(this.clock.nowSeconds()).date;
	}

	get(sql: string, ...params: SQLInputValue[]): Row | undefined {
		return this.db.get(sql, ...params);
	}

	all(sql: string, ...params: SQLInputValue[]): Row[] {
		return this.db.all(sql, ...params);
	}

	run(sql: string, ...params: SQLInputValue[]): void {
		this.db.run(sql, ...params);
	}

	insert(table: string, row: Row): void {
		const cols = Object.keys(row);
		this.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, ...cols.map((c) => row[c]));
	}

	update(table: string, where: Row, changes: Row): void {
		const cols = Object.keys(changes);
		const keys = Object.keys(where);
		this.run(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`, ...cols.map((c) => changes[c]), ...keys.map((k) => where[k]));
	}

	/** One save of Sage's: all of it or nothing. */
	transaction<T>(fn: () => T): T {
		return this.db.tx(fn);
	}

	close(): void {
		this.db.close();
	}

	/** A tax code's rate by its SDO number (TAX_CODE_ID), or undefined when the company has no such code. */
	taxRate(id: number): number | undefined {
		const row = this.get('SELECT TAX_RATE FROM TAX_CODE WHERE TAX_CODE_ID = ?', id);
		return row && Number(row.TAX_RATE);
	}
}

/** ACCDATA paths compare as Windows compares them: case-insensitive, either slash, no trailing slash. */
function normalisePath(path: string): string {
	return path.replace(/[\\/]+/g, '\\').replace(/\\$/, '').toLowerCase();
}
