// O2: Sage invoices and credit notes (INVOICE) → ForceManager sales (`/sales`), one way.
import type { MappedRecord } from '../sync/envelope';
import { applyRules, num, other, quoted, sageSource, upsert } from './common';
import type { EntityMapper, FieldRule, MapperSettings, Rec, SourceItem } from './types';

/** SDO InvoiceType 3 (product credit) and 4 (service credit) reduce sales. */
const CREDIT_TYPES = new Set([3, 4]);
/** Invoices (0 product, 1 SOP, 2 service) and credit notes are sales; proformas and quotations (5–8) are not. */
export const SALE_TYPES: ReadonlySet<number> = new Set([0, 1, 2, 3, 4]);

export function saleTotalOf(r: Rec, settings: MapperSettings): number | null {
	const total = num(settings.saleTotal === 'net' ? r.INVOICE_NET : r.INVOICE_GROSS);
	if (total === null) return null;
	return CREDIT_TYPES.has(Number(r.INVOICE_TYPE)) ? -Math.abs(total) : total;
}

export const sageInvoiceToSaleFields: FieldRule[] = [
	{ field: 'extId', from: '"INV:" + INVOICE_NUMBER', rule: 'O2', value: (r) => `INV:${String(r.INVOICE_NUMBER)}` },
	{ field: 'date', from: 'INVOICE_DATE (midnight UTC)', value: (r) => (typeof r.INVOICE_DATE === 'string' && r.INVOICE_DATE ? `${r.INVOICE_DATE.slice(0, 10)}T00:00:00Z` : null) },
	{ field: 'total', from: 'INVOICE_GROSS (or INVOICE_NET, option Sale Total); negative for credit notes', value: saleTotalOf },
	{ field: 'accountExtId', from: 'ACCOUNT_REF', value: (r) => String(r.ACCOUNT_REF ?? '') },
];

export const sageInvoiceToSale: EntityMapper = {
	entity: 'invoice',
	direction: 'sageToForceManager',
	fields: sageInvoiceToSaleFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const r = item.record;
		const number = String(r?.INVOICE_NUMBER ?? item.key ?? '');
		const credit = r && CREDIT_TYPES.has(Number(r.INVOICE_TYPE));
		const meta = {
			entity: 'invoice' as const,
			direction: 'sageToForceManager' as const,
			key: `INV:${number}`,
			source: sageSource(item, 'invoice', number),
			label: `${credit ? 'Credit note' : 'Invoice'} ${number}${quoted(r?.NAME)}`,
		};
		if (r && !SALE_TYPES.has(Number(r.INVOICE_TYPE))) {
			const what = String(r.INVOICE_TYPE_NAME ?? `INVOICE_TYPE ${String(r.INVOICE_TYPE)}`).toLowerCase();
			return other('skip', { ...meta, rules: ['O2'], label: `Invoice-list document ${number}${quoted(r.NAME)}` }, `O2: only invoices and credit notes become ForceManager sales (this is a ${what})`);
		}
		if (item.event === 'deleted') return other('delete', { ...meta, rules: ['O2'] });
		const parts = applyRules(sageInvoiceToSaleFields, r ?? {}, settings, item);
		return upsert({ ...meta, rules: ['O2'] }, parts, { references: { account: String(r?.ACCOUNT_REF ?? '') } });
	},
};
