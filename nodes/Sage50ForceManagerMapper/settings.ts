// Node parameters → MapperSettings, per item (parameters may be expressions).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_SETTINGS, MappingError, type MapperSettings, type OrderStatusIds } from '../shared/mapping';
import type { SyncDirection, SyncEntity } from '../shared/sync/envelope';

/** "GB=1, IE=2" → { GB: 1, IE: 2 }; a malformed pair is an error naming the option. */
export function parsePairs(text: string, option: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const part of text.split(/[,;\n]/)) {
		const pair = part.trim();
		if (pair === '') continue;
		const m = /^([^=\s]+)\s*=\s*(-?\d+)$/.exec(pair);
		if (!m) throw new MappingError(`${option}: "${pair}" is not a NAME=ID pair`);
		out[m[1]] = Number(m[2]);
	}
	return out;
}

export function readSettings(this: IExecuteFunctions, i: number): MapperSettings {
	const entity = this.getNodeParameter('entity', i) as SyncEntity;
	const direction = this.getNodeParameter('direction', i, 'sageToForceManager') as SyncDirection;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const overrides = (this.getNodeParameter('fieldOverrides.override', i, []) as Array<{ field?: string; value?: unknown }>).map((o) => ({
		field: String(o.field ?? ''),
		value: o.value,
	}));
	const skipFields = String(this.getNodeParameter('skipFields', i, '') ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	const codes = (option: unknown, name: string, fallback: Record<string, number>) =>
		typeof option === 'string' ? Object.fromEntries(Object.entries(parsePairs(option, name)).map(([k, v]) => [k.toUpperCase(), v])) : fallback;
	const countries = codes(options.countries, 'Countries', DEFAULT_SETTINGS.countries);
	const currencies = codes(options.currencies, 'Currencies', DEFAULT_SETTINGS.currencies);
	const orderStatuses: OrderStatusIds =
		typeof options.orderStatuses === 'string' ? parsePairs(options.orderStatuses, 'Order Status IDs') : DEFAULT_SETTINGS.orderStatuses;
	return {
		entity,
		direction,
		adminUserId: Number(this.getNodeParameter('adminUserId', i, DEFAULT_SETTINGS.adminUserId)),
		branchId: Number(this.getNodeParameter('branchId', i, DEFAULT_SETTINGS.branchId)),
		countries,
		currencies,
		orderStatuses,
		stockFigure: options.stockFigure === 'qtyInStock' ? 'qtyInStock' : 'freeStock',
		saleTotal: options.saleTotal === 'net' ? 'net' : 'gross',
		sendLinePrices: options.sendLinePrices === true,
		overrides,
		skipFields,
	};
}
