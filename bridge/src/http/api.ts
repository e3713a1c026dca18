// The contract's routes (openapi.yaml) on top of a SageAdapter.
import { CHANGE_ENTITIES, type ChangeEntity, type LookupKind, type SageAdapter, type SageRow } from '../adapter';
import { BridgeError } from '../errors';
import {
	ADDRESS_CREATE_FIELDS,
	ADDRESS_FIELDS,
	CUSTOMER_CREATE_FIELDS,
	CUSTOMER_UPDATE_FIELDS,
	LINE_FIELDS,
	SALES_ORDER_CREATE_FIELDS,
	SALES_ORDER_UPDATE_FIELDS,
} from '../fields';
import { ukLocal } from '../time';
import type { BridgeClock } from '../time';
import type { DeliveryLedger } from '../delivery/ledger';
import { deliveryRoutes } from './deliveries';
import type { Reply, RequestContext } from './router';
import { Router } from './router';
import { body, intParam, listParam, listQuery, pathInt, shape, takeExternalRef } from './validate';

const ok = (json: unknown, status = 200): Reply => ({ status, json });

function found<T>(value: T | undefined, what: string, key: string): T {
	if (value === undefined) throw new BridgeError('NOT_FOUND', `${what} ${key} not found`, { record: key });
	return value;
}

function salesOrderInput(ctx: RequestContext): { input: SageRow; externalRef?: string } {
	const input = { ...body(ctx.body) };
	const externalRef = takeExternalRef(input);
	const { ITEMS: items, ...header } = input;
	shape(header, SALES_ORDER_CREATE_FIELDS);
	if (!Array.isArray(items)) throw new BridgeError('REQUIRED_FIELD', 'ITEMS must be an array of lines', { field: 'ITEMS' });
	if (items.length > 500) throw new BridgeError('VALIDATION_FAILED', 'At most 500 lines', { field: 'ITEMS' });
	items.forEach((line, i) => shape(body(line), LINE_FIELDS, `ITEMS[${i}].`));
	return { input, externalRef };
}

/** List filters by key (`refs`, customers only) and by external reference (`externalRef`). */
function keyFilters(c: RequestContext, withRefs = false): { keys?: string[]; externalRefs?: string[] } {
	return {
		keys: withRefs ? listParam(c.query, 'refs', (v) => v.toUpperCase()) : undefined,
		externalRefs: listParam(c.query, 'externalRef'),
	};
}

export function apiRoutes(adapter: SageAdapter, clock: BridgeClock, ledger: DeliveryLedger): Router {
	const r = new Router();
	const writeCtx = (ctx: RequestContext, externalRef?: string) => ({ idempotencyKey: String(ctx.headers['idempotency-key'] ?? ''), externalRef });

	r.add(
		'GET',
		'/health',
		async () => {
			const h = await adapter.health();
			const now = clock.now();
			return ok({ ...h, time: { utc: now.toISOString(), ukLocal: ukLocal(Math.floor(now.getTime() / 1000)).iso } });
		},
		{ public: true },
	);

	// customers
	r.add('GET', '/customers', (c) => adapter.listCustomers({ ...listQuery(c.query), ...keyFilters(c, true) }).then(ok));
	r.add('GET', '/customers/{accountRef}', async (c) => ok(found(await adapter.getCustomer(c.params.accountRef), 'Customer', c.params.accountRef)));
	r.add(
		'POST',
		'/customers',
		async (c) => {
			const input = { ...body(c.body) };
			const externalRef = takeExternalRef(input);
			shape(input, CUSTOMER_CREATE_FIELDS);
			return ok(await adapter.createCustomer(input, writeCtx(c, externalRef)), 201);
		},
		{ write: true },
	);
	r.add(
		'PATCH',
		'/customers/{accountRef}',
		async (c) => {
			const input = body(c.body);
			shape(input, CUSTOMER_UPDATE_FIELDS);
			return ok(await adapter.updateCustomer(c.params.accountRef, input, writeCtx(c)));
		},
		{ write: true },
	);

	// addresses
	const addressType = (c: RequestContext) => intParam(c.query, 'type', [0, 1, 2]);
	r.add('GET', '/customers/{accountRef}/addresses', async (c) =>
		ok(await adapter.listAddresses({ ...listQuery(c.query, true), ...keyFilters(c), accountRef: c.params.accountRef, addressType: addressType(c) })),
	);
	r.add('GET', '/addresses', async (c) => ok(await adapter.listAddresses({ ...listQuery(c.query), ...keyFilters(c), addressType: addressType(c) })));
	r.add('GET', '/customers/{accountRef}/addresses/{addressRef}', async (c) => {
		const n = pathInt(c.params.addressRef, 'address');
		return ok(found(await adapter.getAddress(c.params.accountRef, n), 'Address', `${c.params.accountRef}/${n}`));
	});
	r.add(
		'POST',
		'/customers/{accountRef}/addresses',
		async (c) => {
			const input = { ...body(c.body) };
			const externalRef = takeExternalRef(input);
			shape(input, ADDRESS_CREATE_FIELDS);
			return ok(await adapter.createAddress(c.params.accountRef, input, writeCtx(c, externalRef)), 201);
		},
		{ write: true },
	);
	r.add(
		'PATCH',
		'/customers/{accountRef}/addresses/{addressRef}',
		async (c) => {
			const n = pathInt(c.params.addressRef, 'address');
			const input = body(c.body);
			shape(input, ADDRESS_FIELDS);
			return ok(await adapter.updateAddress(c.params.accountRef, n, input, writeCtx(c)));
		},
		{ write: true },
	);

	// products
	r.add('GET', '/products', async (c) => ok(await adapter.listProducts(listQuery(c.query))));
	r.add('GET', '/products/{stockCode}', async (c) => ok(found(await adapter.getProduct(c.params.stockCode), 'Product', c.params.stockCode)));
	r.add('GET', '/products/{stockCode}/image', async (c) => {
		const image = found(await adapter.getProductImage(c.params.stockCode), 'Image of product', c.params.stockCode);
		return { status: 200, bytes: image.bytes, contentType: image.contentType };
	});

	// sales orders and quotations
	r.add('GET', '/sales-orders', async (c) =>
		ok(
			await adapter.listSalesOrders({
				...listQuery(c.query, true),
				...keyFilters(c),
				orderType: intParam(c.query, 'orderType', [0, 9, 11]),
				accountRef: c.query.get('accountRef') ?? undefined,
			}),
		),
	);
	r.add('GET', '/sales-orders/{orderNumber}', async (c) => {
		const n = pathInt(c.params.orderNumber, 'sales order');
		return ok(found(await adapter.getSalesOrder(n), 'Sales order', String(n)));
	});
	r.add(
		'POST',
		'/sales-orders',
		async (c) => {
			const { input, externalRef } = salesOrderInput(c);
			if (input.ORDER_TYPE !== undefined && input.ORDER_TYPE !== 0 && input.ORDER_TYPE !== 9) {
				throw new BridgeError('VALIDATION_FAILED', 'ORDER_TYPE must be 0 (order) or 9 (quotation)', { field: 'ORDER_TYPE' });
			}
			return ok(await adapter.createSalesOrder(input, writeCtx(c, externalRef)), 201);
		},
		{ write: true },
	);
	r.add(
		'PATCH',
		'/sales-orders/{orderNumber}',
		async (c) => {
			const n = pathInt(c.params.orderNumber, 'sales order');
			const input = body(c.body);
			shape(input, SALES_ORDER_UPDATE_FIELDS);
			return ok(await adapter.updateSalesOrder(n, input, writeCtx(c)));
		},
		{ write: true },
	);

	// invoices
	r.add('GET', '/invoices', async (c) =>
		ok(
			await adapter.listInvoices({
				...listQuery(c.query, true),
				posted: intParam(c.query, 'posted', [0, 1]),
				accountRef: c.query.get('accountRef') ?? undefined,
			}),
		),
	);
	r.add('GET', '/invoices/{invoiceNumber}', async (c) => {
		const n = pathInt(c.params.invoiceNumber, 'invoice');
		return ok(found(await adapter.getInvoice(n), 'Invoice', String(n)));
	});

	// users
	r.add('GET', '/users', async (c) => ok(await adapter.listUsers(listQuery(c.query))));
	r.add('GET', '/users/{userName}', async (c) => ok(found(await adapter.getUser(c.params.userName), 'User', c.params.userName)));

	// look-ups
	for (const kind of ['tax-codes', 'currencies', 'countries', 'account-statuses', 'stock-categories'] as LookupKind[]) {
		r.add('GET', `/lookups/${kind}`, async () => ok({ items: await adapter.lookup(kind), nextCursor: null }));
	}

	// change feed
	r.add('GET', '/changes/{entity}', async (c) => {
		const entity = c.params.entity as ChangeEntity;
		if (!CHANGE_ENTITIES.includes(entity)) throw new BridgeError('NOT_FOUND', `No change feed for ${entity}`, { record: entity });
		const after = c.query.get('after') ?? '0';
		if (!/^\d{1,15}$/.test(after)) throw new BridgeError('VALIDATION_FAILED', 'after must be a change cursor', { field: 'after' });
		const q = listQuery(new URLSearchParams(c.query.has('limit') ? { limit: c.query.get('limit')! } : {}));
		return ok(await adapter.changes(entity, Number(after), q.limit));
	});

	deliveryRoutes(r, ledger, adapter);

	return r;
}
