// O1/O2, U2: Sage sales orders and quotations (SALES_ORDER + SOP_ITEM) ⇄ ForceManager sales orders.
// Keys: "SO:<ORDER_NUMBER>" for sales orders, "QU:<ORDER_NUMBER>" for quotations — the Sage key
// of an FM-born document after write-back is the same string, so one key matches both ways.
import { DateTime } from 'luxon';

import { flag } from '../flags';
import { lookupId } from '../forcemanager/lookupFields';
import type { MappedRecord, SyncEntity } from '../sync/envelope';
import { FM_DELETION_REASON, originOf, applyRules, codeOf, fromForceManager, num, other, quoted, sageSource, text, unlistedLookup, upsert, userTakesOver, writeBack } from './common';
import type { EntityMapper, FieldRule, MapperSettings, Rec, SourceItem } from './types';

export const ORDER_TYPE = { salesOrder: 0, quotation: 9, proforma: 11 } as const;
/** Sage special (S1–S3) and message (M) lines have no product, so ForceManager cannot hold them. */
export const NON_PRODUCT_CODES = new Set(['S1', 'S2', 'S3', 'M']);
/** FM lines without a product become Sage S1 special lines (description + price). */
export const SPECIAL_LINE = 'S1';
export const CUST_ORDER_NUMBER_MAX = 60;

export function orderKey(orderType: unknown, orderNumber: unknown): string | undefined {
	const type = Number(orderType);
	if (type === ORDER_TYPE.salesOrder) return `SO:${String(orderNumber)}`;
	if (type === ORDER_TYPE.quotation) return `QU:${String(orderNumber)}`;
	return undefined;
}

/** Created from a ForceManager order (the bridge's external reference says so) rather than in Sage. */
export function isForceManagerBorn(r: Rec): boolean {
	return typeof r.EXTERNAL_REF === 'string' && r.EXTERNAL_REF.startsWith('forceManager:');
}

/** Quote open → quote; won → order; lost/invalid → cancelled; orders → order, or invoiced once invoiced. */
export function statusIdOf(r: Rec, settings: MapperSettings): number | undefined {
	const st = settings.orderStatuses;
	if (Number(r.ORDER_TYPE) === ORDER_TYPE.quotation) {
		const quote = Number(r.QUOTE_STATUS);
		if (quote === 2) return st.order;
		if (quote === 3 || quote === 4) return st.cancelled;
		return st.quote;
	}
	return r.INVOICE_NUMBER !== null && r.INVOICE_NUMBER !== undefined && r.INVOICE_NUMBER !== '' ? st.invoiced : st.order;
}

function productLines(r: Rec): Rec[] {
	const items = Array.isArray(r.ITEMS) ? (r.ITEMS as Rec[]) : [];
	return items.filter((line) => !NON_PRODUCT_CODES.has(String(line.STOCK_CODE ?? '').toUpperCase()));
}

export const sageOrderToSalesOrderFields: FieldRule[] = [
	{ field: 'extId', from: '"SO:" / "QU:" + ORDER_NUMBER', rule: 'O1', value: (r) => orderKey(r.ORDER_TYPE, r.ORDER_NUMBER) },
	{ field: 'readOnly', from: 'true for documents raised in Sage; left alone for those raised in ForceManager', rule: 'O2', value: (r) => (isForceManagerBorn(r) ? undefined : true) },
	{ field: 'reference', from: 'CUST_ORDER_NUMBER, else ORDER_TYPE_NAME + " " + ORDER_NUMBER', value: (r) => text(r.CUST_ORDER_NUMBER) ?? `${String(r.ORDER_TYPE_NAME ?? 'Sales Order')} ${String(r.ORDER_NUMBER)}` },
	{ field: 'number', from: 'ORDER_NUMBER', value: (r) => num(r.ORDER_NUMBER) },
	{ field: 'total', from: 'INVOICE_NET (net, like the line totals)', value: (r) => num(r.INVOICE_NET) },
	{ field: 'statusId', from: 'QUOTE_STATUS / INVOICE_NUMBER via the Order Status IDs option', value: statusIdOf },
	{ field: 'branchId', from: 'Branch ID parameter', target: 'createOnly', value: (_r, st) => st.branchId },
	{ field: 'salesRepId', from: 'Admin User ID parameter', target: 'fillIfEmpty', rule: 'U2', value: (_r, st) => st.adminUserId },
];

export const salesOrderToSageFields: FieldRule[] = [
	{ field: 'CUST_ORDER_NUMBER', from: 'reference (Sage refuses more than 60 characters)', value: (r) => String(r.reference ?? '') },
];

/** The ISO code of an FM currency by the Currencies option; undefined when the order has none or it is not listed. */
export function currencyCodeOf(currencyId: unknown, settings: MapperSettings): string | undefined {
	return codeOf(currencyId, settings.currencies);
}

/** An order currency the Currencies option does not list is never guessed nor dropped (Sage would raise the document in the customer's). */
function unlistedCurrency(r: Rec, settings: MapperSettings): string | undefined {
	if (userTakesOver('CURRENCY_CODE', settings)) return undefined;
	return unlistedLookup('currencyId', r.currencyId, 'Currencies', settings.currencies, 'Sage currency CODE');
}

export function sageOrderToSalesOrder(entity: SyncEntity): EntityMapper {
	return {
		entity,
		direction: 'sageToForceManager',
		fields: sageOrderToSalesOrderFields,
		map(item: SourceItem, settings: MapperSettings): MappedRecord {
			const r = item.record;
			const number = String(r?.ORDER_NUMBER ?? item.key ?? '');
			const key = r ? orderKey(r.ORDER_TYPE, number) : undefined;
			const kind: SyncEntity = Number(r?.ORDER_TYPE) === ORDER_TYPE.quotation ? 'quotation' : 'salesOrder';
			const name = kind === 'quotation' ? 'Quotation' : 'Sales order';
			const meta = {
				entity: kind,
				direction: 'sageToForceManager' as const,
				key: key ?? '',
				source: sageSource(item, kind, number),
				label: `${r && Number(r.ORDER_TYPE) === ORDER_TYPE.proforma ? 'Proforma' : name} ${number}${quoted(r?.NAME)}`,
				...originOf(r, 'salesOrder'),
			};
			if (!r) return other('skip', { ...meta, rules: ['O2'] }, 'O2: the deletion carries no record, so whether it was an order or a quotation is unknown');
			if (key === undefined) return other('skip', { ...meta, rules: ['O2'] }, `O2: only sales orders and quotations are synced (ORDER_TYPE ${String(r.ORDER_TYPE)})`);
			if (item.event === 'deleted') return other('delete', { ...meta, rules: ['O2'] });
			const parts = applyRules(sageOrderToSalesOrderFields, r, settings, item);
			const lines = productLines(r);
			return upsert({ ...meta, rules: ['O1', 'O2', 'U2'] }, parts, {
				references: { account: String(r.ACCOUNT_REF ?? ''), lineProducts: lines.map((l) => String(l.STOCK_CODE ?? '')) },
				lines: lines.map((l, i) => ({
					quantity: num(l.QTY_ORDER),
					price: num(l.UNIT_PRICE),
					description: text(l.DESCRIPTION),
					discount1: num(l.DISCOUNT_RATE) ?? 0,
					total: num(l.NET_AMOUNT),
					order: i + 1,
				})),
			});
		},
	};
}

/** FM createdAt (UTC) as the UK calendar date Sage keeps. */
function ukDate(iso: unknown): string | undefined {
	if (typeof iso !== 'string' || iso === '') return undefined;
	const d = DateTime.fromISO(iso, { zone: 'utc' });
	return d.isValid ? (d.setZone('Europe/London').toISODate() ?? undefined) : undefined;
}

export function salesOrderToSage(entity: 'salesOrder' | 'quotation'): EntityMapper {
	const fields: FieldRule[] = [
		...salesOrderToSageFields,
			{ field: 'ACCOUNT_REF', from: "the account's extId (enriched by the ForceManager Trigger)", target: 'createOnly', rule: 'O1', value: (_r, _s, item) => accountRefOf(item) },
			{ field: 'ORDER_TYPE', from: entity === 'quotation' ? 'always 9 (quotation)' : 'always 0 (sales order)', target: 'createOnly', rule: 'O1', value: () => ORDER_TYPE[entity] },
			{ field: 'ORDER_DATE', from: 'dateCreated as a UK date', target: 'createOnly', value: (r) => ukDate(r.dateCreated) },
			{ field: 'CURRENCY_CODE', from: "currencyId via the Currencies option (Sage refuses one other than the customer's)", target: 'createOnly', value: (r, st) => currencyCodeOf(r.currencyId, st) },
	];
	return {
		entity,
		direction: 'forceManagerToSage',
		fields,
		map(item: SourceItem, settings: MapperSettings): MappedRecord {
			const r = item.record ?? {};
			const name = entity === 'quotation' ? 'quotation' : 'sales order';
			const meta = fromForceManager(item, entity, 'salesOrder', 'sales order', r.reference);
			if (item.event === 'deleted') return other('skip', { ...meta, rules: ['A5'] }, FM_DELETION_REASON);
			if (flag(r.readOnly)) return other('skip', { ...meta, rules: ['O2'] }, 'O2: read-only in ForceManager, the document is owned by Sage');
			if (item.hold) return other('wait', { ...meta, rules: ['O1'] }, item.hold.reason);
			const account = (item.related?.account ?? undefined) as Rec | undefined;
			const accountRef = accountRefOf(item);
			if (!accountRef) {
				const which = account ? `account ${String(account.id ?? '')}${quoted(account.name)}` : 'its account';
				return other('wait', { ...meta, rules: ['O1'] }, `O1: ${which} has no Sage account reference yet`);
			}
			const fmLines = Array.isArray(r.lines) ? (r.lines as Rec[]) : [];
			if (fmLines.length === 0) return other('skip', { ...meta, rules: ['O1'] }, `O1: the ${name} has no lines yet`);
			const lines: Rec[] = [];
			for (const [i, line] of fmLines.entries()) {
				const product = ((line.related as Rec | undefined)?.product ?? null) as Rec | null;
				const qty = num(line.quantity) ?? 1;
				if (!product) {
					// A free-text line: Sage keeps it as a special line and cannot price it.
					lines.push({ STOCK_CODE: SPECIAL_LINE, DESCRIPTION: String(line.description ?? ''), QTY_ORDER: qty, UNIT_PRICE: num(line.price) ?? 0 });
					continue;
				}
				const code = typeof product.extId === 'string' ? product.extId.trim() : '';
				if (!code) {
					return other('wait', { ...meta, rules: ['O1'] }, `O1: line ${i + 1} product ${String(product.id ?? lookupId(line.productId) ?? '')}${quoted(product.model)} has no Sage stock code yet`);
				}
				const out: Rec = { STOCK_CODE: code, QTY_ORDER: qty };
				if (settings.sendLinePrices) {
					out.UNIT_PRICE = num(line.price) ?? 0;
					out.DISCOUNT_RATE = num(line.discount1) ?? 0;
				}
				lines.push(out);
			}
			// The currency is set when Sage raises the document (create-only): a document Sage holds already is not refused for it.
			const currency = meta.key === '' ? unlistedCurrency(r, settings) : undefined;
			if (currency) return other('fail', { ...meta, rules: ['O1'], field: 'currencyId' }, currency);
			const parts = applyRules(fields, r, settings, item);
			return upsert({ ...meta, rules: ['O1'], writeBack: writeBack('salesOrder', item) }, parts, { references: { account: accountRef }, lines });
		},
	};
}

function accountRefOf(item: SourceItem): string | undefined {
	const extId = (item.related?.account as Rec | null | undefined)?.extId;
	return typeof extId === 'string' && extId.trim() !== '' ? extId.trim() : undefined;
}
