// Low-level access to the simulated company's SQLite file (a SqliteDb: transactions, statement
// cache): Sage timestamps from the injectable clock, the bridge change journal and key-cursor paging.
import type { SQLInputValue } from 'node:sqlite';
import type { ChangeEntity, ListQuery, Page, SageRow } from '../adapter';
import { ChangeJournal, type Source } from '../local/journal';
import { SqliteDb } from '../local/sqliteDb';
import { cursorPage } from '../records/paging';
import { BridgeClock, ukLocal } from '../time';
import { SCHEMA } from './schema';

export type { Source };
export type Row = Record<string, SQLInputValue>;

export interface Stamp {
	utc: number;
	local: string;
}

export class Store extends SqliteDb {
	/** The bridge's change journal, numbered by COMPANY.BRIDGE_SEQ (reset with the company). */
	readonly changes = new ChangeJournal(this, () => Number(this.get('UPDATE COMPANY SET BRIDGE_SEQ = BRIDGE_SEQ + 1 WHERE ID = 1 RETURNING BRIDGE_SEQ')!.BRIDGE_SEQ));

	constructor(
		dbPath: string,
		readonly clock: BridgeClock,
	) {
		super(dbPath, SCHEMA);
	}

	/** Sage's RECORD_*_DATE for "now": UK local wall-clock, whole seconds. */
	stamp(): Stamp {
		const utc = this.clock.nowSeconds();
		return { utc, local: ukLocal(utc).sage };
	}

	today(): string {
		return ukLocal(this.clock.nowSeconds()).date;
	}

	insert(table: string, row: Row): void {
		const cols = Object.keys(row);
		this.run(
			`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
			...cols.map((c) => row[c]),
		);
	}

	update(table: string, keyCol: string, key: SQLInputValue, changes: Row): void {
		const cols = Object.keys(changes);
		if (cols.length === 0) return;
		this.run(
			`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${keyCol} = ?`,
			...cols.map((c) => changes[c]),
			key,
		);
	}

	/**
	 * Records the newest change of a record in the bridge's change journal (one row per record). A key
	 * created again (a deleted customer's reference reused in Sage) counts as created from then on.
	 */
	journal(entity: ChangeEntity, key: string, kind: 'created' | 'updated' | 'deleted', source: Source, utc: number): void {
		this.changes.append(entity, key, kind, source, utc);
	}

	/**
	 * Key-cursor page: `WHERE key > after ORDER BY key LIMIT n+1` — the only paging Sage's ODBC driver
	 * supports (TOP n, no OFFSET). `where` adds entity filters.
	 */
	page(
		table: string,
		keyCol: string,
		numericKey: boolean,
		q: ListQuery,
		out: (row: Row) => SageRow,
		where: string[] = [],
		params: SQLInputValue[] = [],
		/** Column `q.keys` filters on (the record key when the cursor key is another column). */
		idCol = keyCol,
	): Page {
		const clauses = [...where];
		const args = [...params];
		if (q.keys !== undefined) {
			if (q.keys.length === 0) return { items: [], nextCursor: null };
			clauses.push(`${idCol} IN (${q.keys.map(() => '?').join(', ')})`);
			args.push(...q.keys.map((k) => (numericKey && idCol === keyCol ? Number(k) : k)));
		}
		if (q.after !== undefined && q.after !== '') {
			clauses.push(`${keyCol} > ?`);
			args.push(numericKey ? Number(q.after) : q.after);
		}
		if (q.modifiedSince !== undefined) {
			clauses.push('_MODIFY_UTC >= ?');
			args.push(q.modifiedSince);
		}
		if (!q.includeDeleted) clauses.push('RECORD_DELETED = 0');
		const sql = `SELECT * FROM ${table}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${keyCol} LIMIT ?`;
		return cursorPage(this.all(sql, ...args, q.limit + 1), q.limit, keyCol, out);
	}
}
