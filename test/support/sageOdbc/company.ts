// A Sage-shaped test company on disk, read by the Sage adapter through unixODBC + the SQLite ODBC
// driver (with the dialect guard on) and edited directly by tests the way Sage's own program would —
// people's edits stamp RECORD_MODIFY_DATE in UK local time from the test's clock, or leave it NULL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { createSageOdbcAdapter, type SageOdbcAdapter, type SageOdbcConfig } from '../../../bridge/src/sage/adapter';
import type { SqlConnection, SqlRow } from '../../../bridge/src/sage/sql';
import { createSageCompanyFile } from '../../../bridge/src/sage/testing/sageSchema';
import type { SageWriter } from '../../../bridge/src/sage/writer';
import { BridgeClock, ukLocal } from '../../../bridge/src/time';
import { GuardedSageConnection } from './connection';

/** The instant the demo company is seeded at (a winter date: UK local = UTC). */
export const SEEDED_AT = new Date('2026-01-15T09:00:00Z');

export interface SageTestCompany {
	dir: string;
	file: string;
	imagesDir: string;
	/** Direct access to the Sage-shaped tables, as Sage's own program has. */
	sage: DatabaseSync;
	clock: BridgeClock;
	/** Sage's RECORD_*_DATE for the clock's now. */
	stamp(): string;
	/** A person's edit in Sage: the columns given, RECORD_MODIFY_DATE stamped now (or as given, NULL included). */
	edit(table: string, where: string, whereValue: SQLInputValue, changes: Record<string, SQLInputValue>): void;
	connection(hook?: (sql: string) => void): HookedConnection;
	adapter(options?: { writer?: SageWriter; config?: Partial<SageOdbcConfig>; hook?: (sql: string) => void }): SageOdbcAdapter;
	close(): Promise<void>;
}

/** The guarded connection, with a hook called before each statement (to edit Sage mid-pass). */
export class HookedConnection implements SqlConnection {
	readonly guarded: GuardedSageConnection;
	constructor(
		file: string,
		public hook?: (sql: string) => void,
	) {
		this.guarded = new GuardedSageConnection(file);
	}
	get statements(): string[] {
		return this.guarded.statements;
	}
	query(sql: string): Promise<SqlRow[]> {
		this.hook?.(sql);
		return this.guarded.query(sql);
	}
	close(): Promise<void> {
		return this.guarded.close();
	}
}

export function openSageTestCompany(seed: 'demo' | 'empty' = 'demo'): SageTestCompany {
	const dir = mkdtempSync(join(tmpdir(), 'sage-odbc-'));
	const file = join(dir, 'COMPANY.sqlite');
	const imagesDir = join(dir, 'PICTURES');
	const sage = createSageCompanyFile(file, { seed, at: SEEDED_AT, imagesDir });
	const clock = new BridgeClock();
	clock.freeze(new Date(SEEDED_AT.getTime() + 60_000));
	const adapters: SageOdbcAdapter[] = [];
	let n = 0;
	const stamp = () => ukLocal(clock.nowSeconds()).sage;
	return {
		dir,
		file,
		imagesDir,
		sage,
		clock,
		stamp,
		edit(table, where, whereValue, changes) {
			const row = { RECORD_MODIFY_DATE: stamp(), ...changes };
			const cols = Object.keys(row);
			sage.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${where} = ?`).run(...cols.map((c) => row[c as keyof typeof row]), whereValue);
		},
		connection: (hook) => new HookedConnection(file, hook),
		adapter(options = {}) {
			const adapter = createSageOdbcAdapter(
				{ odbc: { connectionString: `Driver=SQLite3;Database=${file}` }, localDb: join(dir, `bridge-${++n}.db`), imagesDir, ...options.config },
				{ sql: new HookedConnection(file, options.hook), writer: options.writer, clock },
			);
			adapters.push(adapter);
			return adapter;
		},
		async close() {
			for (const a of adapters) await a.close().catch(() => undefined);
			sage.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
