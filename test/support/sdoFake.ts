// A Sage-shaped company file with the fake SDO on it and an SdoWriter logged on as the bridge's
// Sage user: what the SDO writer's service tests (and the ODBC adapter's write tests) run against.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { TextEncodingOptions } from '../../bridge/src/codePage';
import { createSageCompanyFile } from '../../bridge/src/sage/testing/sageSchema';
import { FakeSageCompany } from '../../bridge/src/sdo/fake/company';
import { fakeSdoBinding } from '../../bridge/src/sdo/fake/engine';
import { SdoWriter } from '../../bridge/src/sdo/writer';
import { BridgeClock } from '../../bridge/src/time';

export const ACCDATA = 'C:\\ProgramData\\Sage\\Accounts\\2024\\Company.000\\ACCDATA';
export const SAGE_USER = 'SYNC';
export const SAGE_PASSWORD = 'sync-password';
/** The demo company is stamped at SEEDED_AT; writes happen at NOW (13:00 BST, UK local wall-clock). */
export const SEEDED_AT = new Date('2030-06-01T09:00:00Z');
export const NOW = new Date('2030-06-01T12:00:00Z');

export interface SdoFixture {
	dir: string;
	file: string;
	db: DatabaseSync;
	clock: BridgeClock;
	sage: FakeSageCompany;
	writer: SdoWriter;
	/** A second writer on the same company, e.g. logged on as the same user. */
	newWriter(options?: { user?: string; password?: string; accdata?: string; textEncoding?: TextEncodingOptions }): SdoWriter;
	row(sql: string, ...params: SQLInputValue[]): Record<string, unknown> | undefined;
	rows(sql: string, ...params: SQLInputValue[]): Record<string, unknown>[];
	/** Every table's row count and newest RECORD_MODIFY_DATE: equal before and after means nothing was written. */
	footprint(): Record<string, string>;
	close(): Promise<void>;
}

const TABLES = ['COMPANY', 'SALES_LEDGER', 'SALES_DEL_ADDR', 'SALES_ORDER', 'SOP_ITEM'];

export function sdoFixture(options: { textEncoding?: TextEncodingOptions; seed?: 'demo' | 'empty' } = {}): SdoFixture {
	const dir = mkdtempSync(join(tmpdir(), 'sage-sdo-'));
	const file = join(dir, 'company.sqlite');
	const db = createSageCompanyFile(file, { seed: options.seed ?? 'demo', at: SEEDED_AT });
	const clock = new BridgeClock(() => NOW);
	clock.freeze(NOW);
	const sage = new FakeSageCompany({ file, dataPath: ACCDATA, clock, users: { MANAGER: '', [SAGE_USER]: SAGE_PASSWORD, CLERK: 'clerk' } });
	const writers: SdoWriter[] = [];
	const newWriter: SdoFixture['newWriter'] = (o = {}) => {
		const writer = new SdoWriter({
			sdo: { accdata: o.accdata ?? ACCDATA, user: o.user ?? SAGE_USER, password: o.password ?? SAGE_PASSWORD },
			binding: fakeSdoBinding(sage),
			textEncoding: o.textEncoding ?? options.textEncoding,
		});
		writers.push(writer);
		return writer;
	};
	const writer = newWriter();
	const rows = (sql: string, ...params: SQLInputValue[]) => db.prepare(sql).all(...params) as Record<string, unknown>[];
	return {
		dir,
		file,
		db,
		clock,
		sage,
		writer,
		newWriter,
		rows,
		row: (sql, ...params) => rows(sql, ...params)[0],
		footprint: () =>
			Object.fromEntries(
				TABLES.map((t) => {
					const r = rows(`SELECT COUNT(*) AS N${t === 'COMPANY' ? ', MAX(NEXT_ORDER_NUMBER) AS M' : ', MAX(RECORD_MODIFY_DATE) AS M'} FROM ${t}`)[0];
					return [t, `${r.N}/${r.M}`];
				}),
			),
		close: async () => {
			for (const w of writers) await w.close();
			sage.close();
			db.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The BridgeError body a promise rejects with (fails the test when it resolves). */
export async function refusal(promise: Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		const e = error as { toBody?: () => Record<string, unknown> };
		if (typeof e.toBody === 'function') return e.toBody();
		throw error;
	}
	throw new Error('expected the write to be refused, but it succeeded');
}
