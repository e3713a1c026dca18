// /__admin: drive the simulated company from outside, as a person using Sage would, plus reset,
// seed, table dumps, counters, clock and fault injection. No API key (documented in README.md):
// the simulator binds to 127.0.0.1 and is never the production bridge.
import type { SageRow } from '../adapter';
import { BridgeError } from '../errors';
import { type SeedName, seedCompany } from '../seed/demo';
import type { DeliveryLedger } from '../delivery/ledger';
import type { SimulatedCompany } from '../sim/company';
import { DELIVERY_TABLES } from '../delivery/schema';
import { TABLES as SAGE_TABLES } from '../sim/schema';

const TABLES: readonly string[] = [...SAGE_TABLES, ...DELIVERY_TABLES];
import { type BridgeClock, parseInstant, ukLocal } from '../time';
import { type Fault, FAULT_MODES, type FaultMode, type Ops } from './ops';
import { Router } from './router';
import { body } from './input';

function rows(value: unknown, name: string): SageRow[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw new BridgeError('VALIDATION_FAILED', `${name} must be an array`, { field: name });
	return value.map((v) => body(v));
}

function seedName(value: unknown): SeedName {
	if (value === undefined) return 'demo';
	if (value !== 'demo' && value !== 'empty') throw new BridgeError('VALIDATION_FAILED', 'seed must be demo or empty', { field: 'seed' });
	return value;
}

function instant(value: unknown, field: string): Date {
	const sec = typeof value === 'string' ? parseInstant(value) : undefined;
	if (sec === undefined) throw new BridgeError('VALIDATION_FAILED', `${field} must be an RFC 3339 date-time`, { field });
	return new Date(sec * 1000);
}

/** The admin API's clock controls (also driven in-process by tests of the Sage adapter, which has no admin API). */
export function controlClock(clock: BridgeClock, input: SageRow): void {
	if (input.frozenAt === null) clock.unfreeze();
	else if (input.frozenAt !== undefined) clock.freeze(instant(input.frozenAt, 'frozenAt'));
	if (input.set !== undefined) clock.set(instant(input.set, 'set'));
	if (input.advanceSeconds !== undefined) {
		if (typeof input.advanceSeconds !== 'number') throw new BridgeError('VALIDATION_FAILED', 'advanceSeconds must be a number', { field: 'advanceSeconds' });
		clock.advance(input.advanceSeconds);
	}
}

/** A fault to inject, checked (`POST /__admin/faults`; tests of the Sage adapter push it into Ops themselves). */
export function faultFrom(input: SageRow): Fault {
	const mode = input.mode as FaultMode;
	if (!FAULT_MODES.includes(mode)) throw new BridgeError('VALIDATION_FAILED', `mode must be one of ${FAULT_MODES.join(', ')}`, { field: 'mode' });
	const count = input.count === undefined ? 1 : Number(input.count);
	if (!Number.isInteger(count) || count < 1) throw new BridgeError('VALIDATION_FAILED', 'count must be a positive integer', { field: 'count' });
	const status = input.status === undefined ? undefined : Number(input.status);
	if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
		throw new BridgeError('VALIDATION_FAILED', 'status must be an HTTP error status (400-599)', { field: 'status' });
	}
	const sizeBytes = input.sizeBytes === undefined ? undefined : Number(input.sizeBytes);
	if (sizeBytes !== undefined && !(Number.isInteger(sizeBytes) && sizeBytes > 0 && sizeBytes <= 256 * 2 ** 20)) {
		throw new BridgeError('VALIDATION_FAILED', 'sizeBytes must be a whole number of bytes up to 256 MiB', { field: 'sizeBytes' });
	}
	return {
		mode,
		remaining: count,
		method: typeof input.method === 'string' ? input.method.toUpperCase() : undefined,
		route: typeof input.route === 'string' ? input.route : undefined,
		delayMs: typeof input.delayMs === 'number' ? input.delayMs : undefined,
		processed: (input.processed as unknown) === true ? true : undefined,
		status,
		sizeBytes,
	};
}

export function adminRoutes(company: SimulatedCompany, clock: BridgeClock, ops: Ops, ledger: DeliveryLedger): Router {
	const r = new Router();
	const ok = (json: unknown, status = 200) => ({ status, json });
	const clockState = () => {
		const now = clock.now();
		return { utc: now.toISOString(), ukLocal: ukLocal(Math.floor(now.getTime() / 1000)).iso, frozen: clock.frozen };
	};
	const num = (v: string) => Number(v);
	const customerRef = (c: SageRow) => String(c.ACCOUNT_REF ?? '');

	r.add('GET', '/__admin/health', () => ok({ status: 'ok' }));
	r.add('POST', '/__admin/reset', (c) => {
		const seed = seedName(c.body === undefined ? undefined : body(c.body).seed);
		company.wipe();
		ledger.wipe();
		clock.reset();
		ops.resetCounters();
		ops.faults = [];
		seedCompany(company, seed);
		return ok({ status: 'ok', seed });
	});
	r.add('POST', '/__admin/seed', (c) => {
		const input = body(c.body);
		const created: Record<string, string[]> = { customers: [], addresses: [], products: [], salesOrders: [], invoices: [], users: [] };
		company.store.tx(() => {
			for (const row of rows(input.customers, 'customers')) created.customers.push(customerRef(company.createCustomer(row, 'sage')));
			for (const { ACCOUNT_REF, ...row } of rows(input.addresses, 'addresses')) {
				created.addresses.push(String(company.createAddress(String(ACCOUNT_REF ?? ''), row, 'sage').REFERENCE));
			}
			for (const row of rows(input.products, 'products')) created.products.push(String(company.createProduct(row, 'sage').STOCK_CODE));
			for (const row of rows(input.salesOrders, 'salesOrders')) {
				created.salesOrders.push(String(company.documents.createSalesOrder(row, 'sage').ORDER_NUMBER));
			}
			for (const row of rows(input.invoices, 'invoices')) created.invoices.push(String(company.documents.createInvoice(row).INVOICE_NUMBER));
			for (const row of rows(input.users, 'users')) created.users.push(String(company.createUser(row).USER_NAME));
		});
		return ok({ created });
	});
	r.add('GET', '/__admin/tables', () => ok({ tables: TABLES }));
	r.add('GET', '/__admin/tables/{table}', (c) => {
		const table = c.params.table.toUpperCase();
		if (!TABLES.includes(table)) throw new BridgeError('NOT_FOUND', `No table ${table}`, { record: table });
		return ok({ table, rows: company.dumpTable(table) });
	});

	// edits as a person in Sage
	r.add('POST', '/__admin/customers', (c) => ok(company.createCustomer(body(c.body), 'sage'), 201));
	r.add('PATCH', '/__admin/customers/{ref}', (c) => ok(company.updateCustomer(c.params.ref, body(c.body), 'sage')));
	r.add('DELETE', '/__admin/customers/{ref}', (c) => (company.deleteCustomer(c.params.ref), ok({ deleted: c.params.ref.toUpperCase() })));
	r.add('POST', '/__admin/customers/{ref}/addresses', (c) => ok(company.createAddress(c.params.ref, body(c.body), 'sage'), 201));
	r.add('PATCH', '/__admin/customers/{ref}/addresses/{n}', (c) => ok(company.updateAddress(c.params.ref, num(c.params.n), body(c.body), 'sage')));
	r.add('DELETE', '/__admin/customers/{ref}/addresses/{n}', (c) => {
		company.deleteAddress(c.params.ref, num(c.params.n));
		return ok({ deleted: `${c.params.ref.toUpperCase()}/${c.params.n}` });
	});
	r.add('POST', '/__admin/products', (c) => ok(company.createProduct(body(c.body), 'sage'), 201));
	r.add('PATCH', '/__admin/products/{code}', (c) => ok(company.updateProduct(c.params.code, body(c.body), 'sage')));
	r.add('DELETE', '/__admin/products/{code}', (c) => (company.deleteProduct(c.params.code), ok({ deleted: c.params.code })));
	r.add('POST', '/__admin/sales-orders', (c) => ok(company.documents.createSalesOrder(body(c.body), 'sage'), 201));
	r.add('PATCH', '/__admin/sales-orders/{n}', (c) => ok(company.documents.updateSalesOrder(num(c.params.n), body(c.body), 'sage')));
	r.add('POST', '/__admin/invoices', (c) => ok(company.documents.createInvoice(body(c.body)), 201));
	r.add('POST', '/__admin/invoices/{n}/post', (c) => ok(company.documents.postInvoice(num(c.params.n))));
	r.add('POST', '/__admin/users', (c) => ok(company.createUser(body(c.body)), 201));
	r.add('PATCH', '/__admin/users/{name}', (c) => ok(company.updateUser(c.params.name, body(c.body))));
	r.add('DELETE', '/__admin/users/{name}', (c) => (company.deleteUser(c.params.name), ok({ deleted: c.params.name })));

	// counters
	r.add('GET', '/__admin/counters', () => ok(ops.counters()));
	r.add('POST', '/__admin/counters/reset', () => (ops.resetCounters(), ok(ops.counters())));

	// clock
	r.add('GET', '/__admin/clock', () => ok(clockState()));
	r.add('POST', '/__admin/clock', (c) => {
		controlClock(clock, c.body === undefined ? {} : body(c.body));
		return ok(clockState());
	});

	// faults
	r.add('GET', '/__admin/faults', () => ok({ faults: ops.faults }));
	r.add('POST', '/__admin/faults', (c) => {
		ops.faults.push(faultFrom(body(c.body)));
		return ok({ faults: ops.faults }, 201);
	});
	r.add('DELETE', '/__admin/faults', () => ((ops.faults = []), ok({ faults: [] })));
	return r;
}
