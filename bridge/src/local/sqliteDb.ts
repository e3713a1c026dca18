// A node:sqlite database as the bridge's code uses it (LedgerDb): a statement cache and nested
// transactions. The simulated company's Store and the Sage adapter's local database both build on it.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { LedgerDb } from '../delivery/db';

export class SqliteDb implements LedgerDb {
	readonly db: DatabaseSync;
	private readonly statements = new Map<string, StatementSync>();
	private depth = 0;

	constructor(path: string, schema: string) {
		this.db = new DatabaseSync(path);
		if (path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL');
		this.db.exec(schema);
	}

	close(): void {
		this.statements.clear();
		this.db.close();
	}

	exec(sql: string): void {
		this.db.exec(sql);
	}

	stmt(sql: string): StatementSync {
		let s = this.statements.get(sql);
		if (!s) {
			s = this.db.prepare(sql);
			this.statements.set(sql, s);
		}
		return s;
	}

	all(sql: string, ...params: SQLInputValue[]): Array<Record<string, SQLInputValue>> {
		return this.stmt(sql).all(...params) as Array<Record<string, SQLInputValue>>;
	}

	get(sql: string, ...params: SQLInputValue[]): Record<string, SQLInputValue> | undefined {
		return this.stmt(sql).get(...params) as Record<string, SQLInputValue> | undefined;
	}

	run(sql: string, ...params: SQLInputValue[]): void {
		this.stmt(sql).run(...params);
	}

	/** Runs fn in one transaction (nested calls join the outer one). */
	tx<T>(fn: () => T): T {
		if (this.depth > 0) return fn();
		this.db.exec('BEGIN IMMEDIATE');
		this.depth++;
		try {
			const result = fn();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		} finally {
			this.depth--;
		}
	}
}
