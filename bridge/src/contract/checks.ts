// The contract checks an admin runs against any bridge (`npm run bridge:contract -- --url … --key …`):
// every answer is validated against openapi.yaml, plus the behaviour the contract promises (key-cursor
// paging, auth before routing, error bodies). Read-only by default, so it is safe on a real company;
// `write: true` also creates and changes records — only against a test company.
import { assertContract } from './validator';

export interface CheckOptions {
	url: string;
	key: string;
	/** Also create a customer, a contact, a quotation, and use the delivery ledger (a test company only). */
	write?: boolean;
	/** Called with each result as it comes (the CLI prints them). */
	onResult?: (result: CheckResult) => void;
}

export interface CheckResult {
	name: string;
	ok: boolean;
	/** Nothing to check here (e.g. no invoice in this company); counted apart. */
	skipped?: boolean;
	detail?: string;
}

/** fetch's "fetch failed" hides the reason (refused, TLS, DNS) in its cause. */
const reason = (error: unknown): string => {
	const e = error as Error & { cause?: Error & { code?: string } };
	return e.cause ? `${e.message}: ${e.cause.code ?? ''} ${e.cause.message}`.trim() : e.message;
};

interface Answer {
	status: number;
	contentType: string;
	data: unknown;
	headers: Headers;
}

type Json = Record<string, unknown>;
type Page = { items: Json[]; nextCursor: string | null };

export async function runContractChecks(options: CheckOptions): Promise<{ passed: number; failed: number; skipped: number; results: CheckResult[] }> {
	const base = options.url.replace(/\/+$/, '');
	const results: CheckResult[] = [];
	let writeCount = 0;
	const record = (result: CheckResult) => {
		results.push(result);
		options.onResult?.(result);
	};

	/** One request, validated against the contract; `expect` lists the statuses the check wants. */
	async function call(method: string, path: string, init: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
		const headers: Record<string, string> = { ...init.headers };
		const key = init.key === undefined ? options.key : init.key;
		if (key !== null) headers['X-API-Key'] = key;
		if (init.body !== undefined) headers['Content-Type'] = 'application/json';
		if (method !== 'GET' && method !== 'HEAD' && !path.startsWith('/deliveries') && !path.startsWith('/sync-state')) {
			headers['Idempotency-Key'] ??= `contract-check-${Date.now()}-${++writeCount}`;
		}
		const res = await fetch(base + path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
		const contentType = res.headers.get('content-type') ?? '';
		const data = contentType.startsWith('application/json') ? await res.json() : Buffer.from(await res.arrayBuffer());
		return { status: res.status, contentType, data, headers: res.headers };
	}

	async function check(name: string, fn: () => Promise<string | void>): Promise<void> {
		try {
			const detail = await fn();
			record({ name, ok: true, detail: detail || undefined, skipped: detail?.startsWith('skipped') || undefined });
		} catch (error) {
			record({ name, ok: false, detail: reason(error) });
		}
	}

	/** GET/POST… that must answer one of `statuses`, in the contract's shape. */
	async function expectAnswer(method: string, path: string, statuses: number[], init: Parameters<typeof call>[2] = {}): Promise<Answer> {
		const answer = await call(method, path, init);
		assertContract(method, path, answer.status, answer.contentType, answer.data);
		if (!statuses.includes(answer.status)) {
			throw new Error(`${method} ${path} answered ${answer.status}, expected ${statuses.join(' or ')}: ${JSON.stringify(answer.data).slice(0, 300)}`);
		}
		return answer;
	}

	const first: Record<string, Json | undefined> = {};

	// Health and authentication
	await check('GET /health without a key', async () => {
		const h = (await expectAnswer('GET', '/health', [200], { key: null })).data as Json;
		const part = (p: unknown) => (p as Json | undefined)?.state ?? 'not reported';
		return `adapter ${h.adapter}, Sage ${h.sageVersion}, company "${h.company}", status ${h.status}, ODBC ${part(h.odbc)}, SDO ${part(h.sdo)}`;
	});
	if (!results[0].ok) return summary(); // nothing else can pass
	await check('a missing or wrong API key is refused (401)', async () => {
		await expectAnswer('GET', '/customers', [401], { key: null });
		await expectAnswer('GET', '/customers', [401], { key: `${options.key}-wrong` });
	});
	await check('unknown routes answer only after authentication (401, then 404)', async () => {
		for (const key of [null, options.key]) {
			const res = await call('GET', '/no-such-route', { key });
			const want = key === null ? 401 : 404;
			if (res.status !== want) throw new Error(`GET /no-such-route ${key === null ? 'without' : 'with'} the key answered ${res.status}, expected ${want}`);
		}
	});
	await check('the admin API is not reachable from here', async () => {
		const res = await call('GET', '/__admin/health');
		if (res.status === 200) throw new Error('GET /__admin/health answered 200 with the API key alone: the admin API must never be exposed');
		return `answered ${res.status}`;
	});

	// Lists: first page, then the next one by key cursor (sorted, no repeats)
	const lists: Array<[string, string, string]> = [
		['customers', '/customers', 'ACCOUNT_REF'],
		['addresses', '/addresses', 'REFERENCE'],
		['products', '/products', 'STOCK_CODE'],
		['salesOrders', '/sales-orders', 'ORDER_NUMBER'],
		['invoices', '/invoices', 'INVOICE_NUMBER'],
		['users', '/users', 'USER_NAME'],
	];
	for (const [name, path, key] of lists) {
		await check(`GET ${path} pages by key cursor`, async () => {
			const page1 = (await expectAnswer('GET', `${path}?limit=2`, [200])).data as Page;
			first[name] = page1.items[0];
			if (page1.items.length > 2) throw new Error(`limit=2 returned ${page1.items.length} items`);
			if (!page1.nextCursor) return `${page1.items.length} item(s), one page`;
			const page2 = (await expectAnswer('GET', `${path}?limit=2&after=${encodeURIComponent(page1.nextCursor)}`, [200])).data as Page;
			const keys = [...page1.items, ...page2.items].map((i) => i[key] as string | number);
			if (new Set(keys).size !== keys.length) throw new Error(`a record came twice across pages: ${keys.join(', ')}`);
			const sorted = [...keys].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1));
			if (keys.join('|') !== sorted.join('|')) throw new Error(`pages are not in ${key} order: ${keys.join(', ')}`);
			return `${keys.length} items over two pages`;
		});
	}

	// One record of each
	const one = (what: string, path: string | undefined) =>
		check(path ? `GET ${path}` : `GET one ${what}`, async () => (path ? void (await expectAnswer('GET', path, [200])) : 'skipped: none in this company'));
	const enc = (v: unknown) => encodeURIComponent(String(v));
	await one('customer', first.customers && `/customers/${enc(first.customers.ACCOUNT_REF)}`);
	await one('customer address list', first.customers && `/customers/${enc(first.customers.ACCOUNT_REF)}/addresses`);
	await one('address', first.addresses && `/customers/${enc(first.addresses.ACCOUNT_REF)}/addresses/${enc(first.addresses.ADDRESS_REF)}`);
	await one('product', first.products && `/products/${enc(first.products.STOCK_CODE)}`);
	await one('sales order', first.salesOrders && `/sales-orders/${enc(first.salesOrders.ORDER_NUMBER)}`);
	await one('invoice', first.invoices && `/invoices/${enc(first.invoices.INVOICE_NUMBER)}`);
	await one('user', first.users && `/users/${enc(first.users.USER_NAME)}`);
	await check('GET /products/{stockCode}/image (a product with an image, if any)', async () => {
		const withImage = ((await expectAnswer('GET', '/products?limit=100', [200])).data as Page).items.find((p) => p.WEB_IMAGE_FILE);
		if (!withImage) return 'skipped: no product with WEB_IMAGE_FILE on the first page';
		const res = await expectAnswer('GET', `/products/${enc(withImage.STOCK_CODE)}/image`, [200]);
		return `${res.contentType}, ${(res.data as Buffer).length} bytes`;
	});

	// Look-ups and change feeds
	for (const kind of ['tax-codes', 'currencies', 'countries', 'account-statuses', 'stock-categories']) {
		await check(`GET /lookups/${kind}`, async () => void (await expectAnswer('GET', `/lookups/${kind}`, [200])));
	}
	for (const entity of ['customers', 'addresses', 'products', 'sales-orders', 'invoices', 'users']) {
		await check(`GET /changes/${entity}`, async () => {
			const page = (await expectAnswer('GET', `/changes/${entity}?limit=5`, [200])).data as Page & { cursor: string };
			return `cursor ${page.cursor}`;
		});
	}
	await check('GET /deliveries and /deliveries/dead-letters', async () => {
		await expectAnswer('GET', '/deliveries', [200]);
		await expectAnswer('GET', '/deliveries/dead-letters?limit=10', [200]);
	});

	// Errors in the contract's shape
	await check('errors: unknown record 404, bad query 400, a write without Idempotency-Key 400', async () => {
		await expectAnswer('GET', '/customers/ZZ404ZZ', [404]);
		await expectAnswer('GET', '/customers?limit=0', [400]);
		const res = await call('PATCH', '/customers/ZZ404ZZ', { body: {}, headers: { 'Idempotency-Key': '' } });
		assertContract('PATCH', '/customers/ZZ404ZZ', res.status, res.contentType, res.data);
		if (res.status !== 400 || (res.data as Json).code !== 'IDEMPOTENCY_KEY_REQUIRED') throw new Error(`answered ${res.status} ${JSON.stringify(res.data)}`);
	});

	if (options.write) await writeChecks(expectAnswer, check, first);
	return summary();

	function summary() {
		const failed = results.filter((r) => !r.ok).length;
		const skipped = results.filter((r) => r.skipped).length;
		return { passed: results.length - failed - skipped, failed, skipped, results };
	}
}

/** Opt-in: creates and changes records (a test company only). */
async function writeChecks(
	expectAnswer: (method: string, path: string, statuses: number[], init?: { body?: unknown; headers?: Record<string, string> }) => Promise<Answer>,
	check: (name: string, fn: () => Promise<string | void>) => Promise<void>,
	first: Record<string, Json | undefined>,
): Promise<void> {
	const stamp = Date.now().toString(36).toUpperCase();
	let accountRef: string | undefined;
	await check('POST /customers, replayed with the same Idempotency-Key', async () => {
		const headers = { 'Idempotency-Key': `contract-check-customer-${stamp}` };
		const body = { NAME: `Contract Check ${stamp}`, ADDRESS_1: '1 Test Street', COUNTRY_CODE: 'GB' };
		const created = await expectAnswer('POST', '/customers', [201], { body, headers });
		accountRef = String((created.data as Json).ACCOUNT_REF);
		const replay = await expectAnswer('POST', '/customers', [201], { body, headers });
		if (replay.headers.get('idempotency-replayed') !== 'true' || (replay.data as Json).ACCOUNT_REF !== accountRef) throw new Error('the replay was not the first answer');
		return `created ${accountRef}`;
	});
	if (!accountRef) return;
	await check('PATCH /customers/{accountRef}', async () => void (await expectAnswer('PATCH', `/customers/${accountRef}`, [200], { body: { TELEPHONE: '01632 960000' } })));
	await check('POST and PATCH a contact address', async () => {
		const address = (await expectAnswer('POST', `/customers/${accountRef}/addresses`, [201], { body: { ADDRESS_TYPE: 1, CONTACT_NAME: 'Contract Check' } })).data as Json;
		await expectAnswer('PATCH', `/customers/${accountRef}/addresses/${address.ADDRESS_REF}`, [200], { body: { E_MAIL: 'contract.check@example.com' } });
	});
	await check('POST and PATCH a quotation', async () => {
		const products = ((await expectAnswer('GET', '/products?limit=100', [200])).data as Page).items;
		const product = products.find((p) => p.INACTIVE_FLAG === 0) ?? first.products;
		if (!product) return 'skipped: no product';
		const quote = (await expectAnswer('POST', '/sales-orders', [201], { body: { ACCOUNT_REF: accountRef, ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: product.STOCK_CODE, QTY_ORDER: 1 }] } })).data as Json;
		await expectAnswer('PATCH', `/sales-orders/${quote.ORDER_NUMBER}`, [200], { body: { NOTES_1: 'contract check' } });
		return `quotation ${quote.ORDER_NUMBER}`;
	});
	await check('delivery ledger: lease, ack, sync state', async () => {
		const consumer = encodeURIComponent(`contract-check:${stamp}:customers`);
		const lease = (await expectAnswer('POST', `/deliveries/${consumer}/lease`, [200], { body: { source: 'sage', entity: 'customers', start: 'now', limit: 5 } })).data as Json;
		const items = lease.items as Json[];
		if (items.length) await expectAnswer('POST', `/deliveries/${consumer}/acks`, [200], { body: { items: items.map((i) => ({ key: i.key, version: i.version, lease: lease.lease, outcome: 'released' })) } });
		await expectAnswer('POST', '/sync-state', [200], { body: { items: [{ entity: 'account', sageKey: accountRef, forceManagerId: `contract-check-${stamp}` }] } });
		await expectAnswer('POST', '/sync-state/query', [200], { body: { entity: 'account', sageKeys: [accountRef] } });
	});
}
