// The contract's operations (openapi.yaml, by operationId) on top of a SageAdapter. Requests arrive
// checked against the document (operations.ts): handlers read typed parameters from ctx.input.
import type { LookupKind, SageAdapter, SageRow } from '../adapter';
import type { ChangeEntity } from '../adapter';
import type { DeliveryLedger } from '../delivery/ledger';
import { BridgeError } from '../errors';
import { type BridgeClock, ukLocal } from '../time';
import { deliveryHandlers } from './deliveries';
import { listParam, listQuery, takeExternalRef } from './input';
import { contractRouter } from './operations';
import type { Handler, Reply, RequestContext, Router } from './router';

const ok = (json: unknown, status = 200): Reply => ({ status, json });

function found<T>(value: T | undefined, what: string, key: string): T {
	if (value === undefined) throw new BridgeError('NOT_FOUND', `${what} ${key} not found`, { record: key });
	return value;
}

/** List filters by key (`refs`, customers only) and by external reference (`externalRef`). */
function keyFilters(c: RequestContext, withRefs = false): { keys?: string[]; externalRefs?: string[] } {
	return {
		keys: withRefs ? listParam(c, 'refs', (v) => v.toUpperCase()) : undefined,
		externalRefs: listParam(c, 'externalRef'),
	};
}

const num = (c: RequestContext, name: string) => c.input.path[name] as number;
const query = (c: RequestContext, name: string) => c.input.query[name] as number | string | undefined;
/** A create's body without the bridge's `externalRef`, which goes into the write context instead. */
function createInput(c: RequestContext): { input: SageRow; externalRef?: string } {
	const input = { ...(c.body as SageRow) };
	return { externalRef: takeExternalRef(input), input };
}

const LOOKUPS: Record<string, LookupKind> = {
	listTaxCodes: 'tax-codes',
	listCurrencies: 'currencies',
	listCountries: 'countries',
	listAccountStatuses: 'account-statuses',
	listStockCategories: 'stock-categories',
};

export function apiRoutes(adapter: SageAdapter, clock: BridgeClock, ledger: DeliveryLedger): Router {
	const writeCtx = (ctx: RequestContext, externalRef?: string) => ({ idempotencyKey: String(ctx.headers['idempotency-key'] ?? ''), externalRef });
	const lookups = Object.fromEntries(Object.entries(LOOKUPS).map(([id, kind]): [string, Handler] => [id, async () => ok({ items: await adapter.lookup(kind), nextCursor: null })]));

	return contractRouter({
		getHealth: async () => {
			const h = await adapter.health();
			const now = clock.now();
			return ok({ ...h, time: { utc: now.toISOString(), ukLocal: ukLocal(Math.floor(now.getTime() / 1000)).iso } });
		},

		// customers
		listCustomers: async (c) => ok(await adapter.listCustomers({ ...listQuery(c), ...keyFilters(c, true) })),
		getCustomer: async (c) => ok(found(await adapter.getCustomer(c.params.accountRef), 'Customer', c.params.accountRef)),
		createCustomer: async (c) => {
			const { input, externalRef } = createInput(c);
			return ok(await adapter.createCustomer(input, writeCtx(c, externalRef)), 201);
		},
		updateCustomer: async (c) => ok(await adapter.updateCustomer(c.params.accountRef, c.body as SageRow, writeCtx(c))),

		// addresses
		listCustomerAddresses: async (c) =>
			ok(await adapter.listAddresses({ ...listQuery(c), ...keyFilters(c), accountRef: c.params.accountRef, addressType: query(c, 'type') as number | undefined })),
		listAddresses: async (c) => ok(await adapter.listAddresses({ ...listQuery(c), ...keyFilters(c), addressType: query(c, 'type') as number | undefined })),
		getCustomerAddress: async (c) => {
			const n = num(c, 'addressRef');
			return ok(found(await adapter.getAddress(c.params.accountRef, n), 'Address', `${c.params.accountRef}/${n}`));
		},
		createCustomerAddress: async (c) => {
			const { input, externalRef } = createInput(c);
			return ok(await adapter.createAddress(c.params.accountRef, input, writeCtx(c, externalRef)), 201);
		},
		updateCustomerAddress: async (c) => ok(await adapter.updateAddress(c.params.accountRef, num(c, 'addressRef'), c.body as SageRow, writeCtx(c))),

		// products
		listProducts: async (c) => ok(await adapter.listProducts(listQuery(c))),
		getProduct: async (c) => ok(found(await adapter.getProduct(c.params.stockCode), 'Product', c.params.stockCode)),
		getProductImage: async (c) => {
			const image = found(await adapter.getProductImage(c.params.stockCode), 'Image of product', c.params.stockCode);
			return { status: 200, bytes: image.bytes, contentType: image.contentType };
		},

		// sales orders and quotations
		listSalesOrders: async (c) =>
			ok(
				await adapter.listSalesOrders({
					...listQuery(c),
					...keyFilters(c),
					orderType: query(c, 'orderType') as number | undefined,
					accountRef: query(c, 'accountRef') as string | undefined,
				}),
			),
		getSalesOrder: async (c) => ok(found(await adapter.getSalesOrder(num(c, 'orderNumber')), 'Sales order', String(num(c, 'orderNumber')))),
		createSalesOrder: async (c) => {
			const { input, externalRef } = createInput(c);
			if (!Array.isArray(input.ITEMS)) throw new BridgeError('REQUIRED_FIELD', 'ITEMS must be an array of lines', { field: 'ITEMS' });
			// Proformas (11) are raised in Sage only.
			if (input.ORDER_TYPE !== undefined && input.ORDER_TYPE !== 0 && input.ORDER_TYPE !== 9) {
				throw new BridgeError('VALIDATION_FAILED', 'ORDER_TYPE must be 0 (order) or 9 (quotation)', { field: 'ORDER_TYPE' });
			}
			return ok(await adapter.createSalesOrder(input, writeCtx(c, externalRef)), 201);
		},
		updateSalesOrder: async (c) => ok(await adapter.updateSalesOrder(num(c, 'orderNumber'), c.body as SageRow, writeCtx(c))),

		// invoices
		listInvoices: async (c) =>
			ok(await adapter.listInvoices({ ...listQuery(c), posted: query(c, 'posted') as number | undefined, accountRef: query(c, 'accountRef') as string | undefined })),
		getInvoice: async (c) => ok(found(await adapter.getInvoice(num(c, 'invoiceNumber')), 'Invoice', String(num(c, 'invoiceNumber')))),

		// users
		listUsers: async (c) => ok(await adapter.listUsers(listQuery(c))),
		getUser: async (c) => ok(found(await adapter.getUser(c.params.userName), 'User', c.params.userName)),

		...lookups,

		// change feed
		listChanges: async (c) => ok(await adapter.changes(c.input.path.entity as ChangeEntity, Number(query(c, 'after') ?? 0), query(c, 'limit') as number)),

		...deliveryHandlers(ledger, adapter),
	});
}
