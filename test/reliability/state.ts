// The full state of both systems as their admin APIs show it (ForceManager records in read shape,
// deleted ones included; Sage's raw tables, deleted rows included, plus the bridge's
// external-reference table). What the checker judges, and what a person would see.
import type { IDataObject } from 'n8n-workflow';

export const FM_ENTITIES = ['accounts', 'contacts', 'products', 'salesorders', 'salesordersLines', 'sales', 'users'] as const;
export const SAGE_TABLES = ['SALES_LEDGER', 'SALES_DEL_ADDR', 'STOCK', 'SALES_ORDER', 'SOP_ITEM', 'INVOICE', 'USERS', 'BRIDGE_EXTERNAL_REFS'] as const;

export type FmEntity = (typeof FM_ENTITIES)[number];
export type SageTable = (typeof SAGE_TABLES)[number];

export interface SystemsState {
	fm: Record<FmEntity, IDataObject[]>;
	sage: Record<SageTable, IDataObject[]>;
}

/** The two admin calls the checker needs (`test/support/sync.ts` clients satisfy them). */
export interface StateSources {
	fm: { records(entity: string): Promise<IDataObject[]> };
	sage: { table(name: string): Promise<IDataObject[]> };
}

export async function readState(sources: StateSources): Promise<SystemsState> {
	const fm = {} as SystemsState['fm'];
	for (const entity of FM_ENTITIES) fm[entity] = await sources.fm.records(entity);
	const sage = {} as SystemsState['sage'];
	for (const table of SAGE_TABLES) sage[table] = await sources.sage.table(table);
	return { fm, sage };
}

/** An empty state (unit tests build on it). */
export function emptyState(): SystemsState {
	return {
		fm: Object.fromEntries(FM_ENTITIES.map((e) => [e, []])) as unknown as SystemsState['fm'],
		sage: Object.fromEntries(SAGE_TABLES.map((t) => [t, []])) as unknown as SystemsState['sage'],
	};
}

export const isLiveFm = (r: IDataObject): boolean => !(r.deleted === true || r.deleted === 1 || r.deleted === '1');
export const isLiveSage = (r: IDataObject): boolean => Number(r.RECORD_DELETED ?? 0) !== 1;
