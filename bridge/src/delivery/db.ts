// What the ledger needs from the bridge's local database: the simulated company's Store satisfies
// it; a bridge on the Sage PC passes its own local SQLite file.
export interface LedgerDb {
	exec(sql: string): void;
	all(sql: string, ...params: Array<string | number | null>): Array<Record<string, unknown>>;
	get(sql: string, ...params: Array<string | number | null>): Record<string, unknown> | undefined;
	run(sql: string, ...params: Array<string | number | null>): void;
	/** Runs fn in one transaction (nested calls join the outer one). */
	tx<T>(fn: () => T): T;
}
