// P1–P5: Sage products (STOCK) → ForceManager products, one way.
import { flag } from '../flags';
import type { MappedRecord } from '../sync/envelope';
import { applyRules, num, other, quoted, sageSource, text, upsert } from './common';
import type { EntityMapper, FieldRule, MapperSettings, Rec, SourceItem } from './types';

export const STOCK_ITEM = 0;

/** P2: a figure only for stock items; non-stock and service items get null (a dash), never 0. */
export function stockOf(r: Rec, settings: MapperSettings): number | null {
	if (Number(r.ITEM_TYPE) !== STOCK_ITEM) return null;
	return num(settings.stockFigure === 'qtyInStock' ? r.QTY_IN_STOCK : r.FREE_STOCK);
}

export const sageProductToProductFields: FieldRule[] = [
	{ field: 'extId', from: 'STOCK_CODE', rule: 'P1', value: (r) => String(r.STOCK_CODE ?? '') },
	{ field: 'readOnly', from: 'always true', rule: 'P1', value: () => true },
	{ field: 'model', from: 'DESCRIPTION', value: (r) => text(r.DESCRIPTION) },
	{ field: 'description', from: 'WEB_DESCRIPTION', value: (r) => text(r.WEB_DESCRIPTION) },
	{ field: 'price', from: 'SALES_PRICE', value: (r) => num(r.SALES_PRICE) },
	{
		field: 'stock',
		from: 'FREE_STOCK (or QTY_IN_STOCK, option Stock Figure) for stock items; null for non-stock and service items',
		rule: 'P2',
		value: stockOf,
	},
	{ field: 'notAvailable', from: 'INACTIVE_FLAG = 1', rule: 'P5', value: (r) => flag(r.INACTIVE_FLAG) },
];

export const sageProductToProduct: EntityMapper = {
	entity: 'product',
	direction: 'sageToForceManager',
	fields: sageProductToProductFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const code = String(item.record?.STOCK_CODE ?? item.key ?? '');
		const meta = {
			entity: 'product' as const,
			direction: 'sageToForceManager' as const,
			key: code,
			source: sageSource(item, 'product', code),
			label: `Product ${code}${quoted(item.record?.DESCRIPTION)}`,
		};
		if (item.event === 'deleted') return other('delete', { ...meta, rules: ['P4'] });
		const parts = applyRules(sageProductToProductFields, item.record ?? {}, settings, item);
		return upsert({ ...meta, rules: ['P1', 'P2', ...(item.hasImage ? ['P3'] : []), 'P5'] }, parts);
	},
};
