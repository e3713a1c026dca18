// Creates the Sage-shaped test company file (tables: sageTables.ts; demo data: sageSeed.ts).
import { DatabaseSync } from 'node:sqlite';
import { copyDemoCompany } from './sageSeed';
import { SAGE_SCHEMA } from './sageTables';

export { SAGE_SCHEMA, SAGE_TABLES, sageColumns } from './sageTables';

export type SageSeed = 'demo' | 'empty';

export interface CreateOptions {
	seed?: SageSeed;
	/** The instant the seeded records are stamped with (RECORD_*_DATE); default now. */
	at?: Date;
	/** Where the demo product images go as files (WEB_IMAGE_FILE names them); default: not written. */
	imagesDir?: string;
}

/**
 * Creates (or opens) a Sage-shaped company file and, for seed 'demo' when it is new, fills it with the same demo
 * company the simulator seeds (bridge/src/seed/), copied through the contract → ODBC name mapping so
 * both adapters hold identical data. Returns the open database; the caller closes it.
 */
export function createSageCompanyFile(path: string, options: CreateOptions = {}): DatabaseSync {
	const db = new DatabaseSync(path);
	if (path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
	db.exec(SAGE_SCHEMA);
	const empty = db.prepare('SELECT COUNT(*) AS N FROM TAX_CODE').get()?.N === 0;
	if ((options.seed ?? 'demo') === 'demo' && empty) copyDemoCompany(db, options.at ?? new Date(), options.imagesDir);
	return db;
}
