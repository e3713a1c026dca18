import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.bridge.close());

describe('auth and health', () => {
	it('serves /health without an API key', async () => {
		const res = await h.anon.get('/health');
		expect(res.status).toBe(200);
		expect(res.data.status).toBe('ok');
	});

	it.each(['/customers', '/products', '/changes/customers', '/lookups/tax-codes', '/users'])('requires the API key on %s', async (path) => {
		const res = await h.anon.get(path);
		expect(res.status).toBe(401);
		expect(res.data).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
	});

	it('rejects a wrong API key', async () => {
		const res = await h.anon.get('/customers', { headers: { 'X-API-Key': 'nope' } });
		expect(res.status).toBe(401);
	});
});

describe('A4 account references follow Sage rules', () => {
	it('normalises a lower-case reference to upper case', async () => {
		const res = await h.api.post('/customers', { ACCOUNT_REF: 'lower01', NAME: 'Lower Case Ltd' }, h.key());
		expect(res.status).toBe(201);
		expect(res.data.ACCOUNT_REF).toBe('LOWER01');
	});

	it.each([
		['TOOLONG123', 'longer than 8'],
		['AB CD', 'spaces'],
		['AB*CD', 'characters'],
		['ABC@1', 'characters'],
	])('rejects %s (%s) naming ACCOUNT_REF', async (ref, why) => {
		const res = await h.api.post('/customers', { ACCOUNT_REF: ref, NAME: 'Invalid Ref Ltd' }, h.key());
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ code: 'ACCOUNT_REF_INVALID', field: 'ACCOUNT_REF', retryable: false });
		expect(res.data.message).toContain(why);
		expect(typeof res.data.sageErrorCode).toBe('number');
	});

	it('rejects a duplicate reference, also when it differs only in case', async () => {
		const res = await h.api.post('/customers', { ACCOUNT_REF: 'abs001', NAME: 'Impostor' }, h.key());
		expect(res.status).toBe(409);
		expect(res.data).toMatchObject({ code: 'ACCOUNT_REF_EXISTS', sageErrorCode: 84, record: 'ABS001' });
	});

	it('keeps ACCOUNT_REF immutable on update (same value accepted)', async () => {
		const changed = await h.api.patch('/customers/ABS001', { ACCOUNT_REF: 'ABS002' }, h.key());
		expect(changed.status).toBe(422);
		expect(changed.data).toMatchObject({ code: 'ACCOUNT_REF_IMMUTABLE', field: 'ACCOUNT_REF' });
		const same = await h.api.patch('/customers/ABS001', { ACCOUNT_REF: 'abs001', TELEPHONE: '01656 000 000' }, h.key());
		expect(same.status).toBe(200);
		expect(same.data).toMatchObject({ ACCOUNT_REF: 'ABS001', TELEPHONE: '01656 000 000' });
	});

	it('generates collision-free references for many customers with the same name', async () => {
		const refs: string[] = [];
		for (let i = 0; i < 120; i++) {
			const res = await h.api.post('/customers', { NAME: "Brown's Bakery & Sons" }, h.key());
			expect(res.status).toBe(201);
			refs.push(res.data.ACCOUNT_REF);
		}
		expect(new Set(refs).size).toBe(120);
		expect(refs[0]).toBe('BROWNS01');
		for (const ref of refs) expect(ref).toMatch(/^[A-Z0-9_&-]{1,8}$/);
		expect(refs).toContain('BROWN100');
	});

	it('never reuses the reference of a customer deleted in Sage', async () => {
		await h.admin.post('/customers', { ACCOUNT_REF: 'ZEBRA01', NAME: 'Zebra' });
		await h.admin.delete('/customers/ZEBRA01');
		const res = await h.api.post('/customers', { NAME: 'Zebra' }, h.key());
		expect(res.data.ACCOUNT_REF).toBe('ZEBRA02');
	});
});

describe('field lengths are rejected, not truncated', () => {
	it.each([
		['NAME', 61],
		['ADDRESS_1', 61],
		['CONTACT_NAME', 31],
		['TELEPHONE', 31],
		['E_MAIL', 256],
		['VAT_REG_NUMBER', 21],
	])('rejects an over-long %s', async (field, length) => {
		const res = await h.api.post('/customers', { NAME: 'Long Fields Ltd', [field]: 'x'.repeat(length) }, h.key());
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ code: 'FIELD_TOO_LONG', field });
	});

	it('accepts the maximum length exactly', async () => {
		const res = await h.api.post('/customers', { NAME: 'N'.repeat(60), CONTACT_NAME: 'C'.repeat(30) }, h.key());
		expect(res.status).toBe(201);
		expect(res.data.NAME).toHaveLength(60);
	});

	it('rejects an update with an over-long field and leaves the record unchanged', async () => {
		const res = await h.api.patch('/customers/KIN001', { ADDRESS_2: 'y'.repeat(61) }, h.key());
		expect(res.data).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'ADDRESS_2', record: 'KIN001', sageErrorCode: 83 });
		expect((await h.api.get('/customers/KIN001')).data.ADDRESS_2).toBe('London');
	});

	it('requires NAME and rejects unknown fields and wrong types', async () => {
		expect((await h.api.post('/customers', { TELEPHONE: '1' }, h.key())).data).toMatchObject({ code: 'REQUIRED_FIELD', field: 'NAME' });
		expect((await h.api.post('/customers', { NAME: 'X', FOO: 1 }, h.key())).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'FOO' });
		expect((await h.api.post('/customers', { NAME: 'X', CREDIT_LIMIT: 'lots' }, h.key())).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'CREDIT_LIMIT' });
		expect((await h.api.post('/customers', { NAME: 'X', DEF_TAX_CODE: 'T77' }, h.key())).data).toMatchObject({ code: 'UNKNOWN_TAX_CODE', field: 'DEF_TAX_CODE' });
	});
});

describe('idempotency', () => {
	it('a replayed Idempotency-Key returns the first result and creates nothing', async () => {
		const headers = { 'Idempotency-Key': 'replay-1' };
		const first = await h.api.post('/customers', { NAME: 'Replay Ltd' }, { headers });
		const before = (await h.admin.get('/tables/SALES_LEDGER')).data.rows.length;
		const second = await h.api.post('/customers', { NAME: 'Replay Ltd' }, { headers });
		expect(second.status).toBe(first.status);
		expect(second.data).toEqual(first.data);
		expect(second.headers['idempotency-replayed']).toBe('true');
		expect((await h.admin.get('/tables/SALES_LEDGER')).data.rows.length).toBe(before);
	});

	it('the same key with another body is rejected with a stable code', async () => {
		const headers = { 'Idempotency-Key': 'replay-2' };
		await h.api.post('/customers', { NAME: 'First Body Ltd' }, { headers });
		const res = await h.api.post('/customers', { NAME: 'Second Body Ltd' }, { headers });
		expect(res.status).toBe(409);
		expect(res.data).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
	});

	it('a rejected write is not remembered: the same key runs again (it wrote nothing)', async () => {
		const headers = { 'Idempotency-Key': 'replay-3' };
		const first = await h.api.post('/customers', { ACCOUNT_REF: 'ABS001', NAME: 'Dup' }, { headers });
		const second = await h.api.post('/customers', { ACCOUNT_REF: 'ABS001', NAME: 'Dup' }, { headers });
		expect(first.data.code).toBe('ACCOUNT_REF_EXISTS');
		expect(second.data).toEqual(first.data);
		expect(second.headers['idempotency-replayed']).toBeUndefined();
	});

	it('requires the header on every write', async () => {
		const res = await h.api.post('/customers', { NAME: 'No Key Ltd' });
		expect(res.status).toBe(400);
		expect(res.data.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
		const patch = await h.api.patch('/customers/ABS001', { TELEPHONE: '1' });
		expect(patch.data.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
	});

	it('keeps idempotency records in the database', async () => {
		const rows = (await h.admin.get('/tables/BRIDGE_IDEMPOTENCY')).data.rows as Array<{ IDEMPOTENCY_KEY: string }>;
		expect(rows.map((r) => r.IDEMPOTENCY_KEY)).toEqual(expect.arrayContaining(['replay-1', 'replay-2']));
		expect(rows.map((r) => r.IDEMPOTENCY_KEY)).not.toContain('replay-3');
	});
});

describe('reads', () => {
	it('pages customers by key cursor without gaps or duplicates', async () => {
		const all: string[] = [];
		let after: string | null | undefined;
		let pages = 0;
		do {
			const res = await h.api.get('/customers', { params: { limit: 7, ...(after ? { after } : {}) } });
			expect(res.status).toBe(200);
			expect(res.data.items.length).toBeLessThanOrEqual(7);
			all.push(...res.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF));
			after = res.data.nextCursor;
			pages++;
		} while (after);
		expect(pages).toBeGreaterThan(3);
		expect(new Set(all).size).toBe(all.length);
		expect([...all].sort()).toEqual(all);
		const oneShot = await h.api.get('/customers', { params: { limit: 1000 } });
		expect(oneShot.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF)).toEqual(all);
	});

	it('filters by modifiedSince (inclusive) and hides deleted customers unless asked', async () => {
		h.bridge.clock.set(new Date('2031-01-10T10:00:00Z'));
		await h.api.patch('/customers/STE001', { TELEPHONE: '0161 555 9999' }, h.key());
		const since = await h.api.get('/customers', { params: { modifiedSince: '2031-01-10T10:00:00Z' } });
		expect(since.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF)).toEqual(['STE001']);
		expect(since.data.items[0].RECORD_MODIFY_DATE).toBe('2031-01-10T10:00:00+00:00');
		expect((await h.api.get('/customers', { params: { modifiedSince: '2031-01-10T10:00:01Z' } })).data.items).toEqual([]);
		const bad = await h.api.get('/customers', { params: { modifiedSince: 'yesterday' } });
		expect(bad.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'modifiedSince' });
		const live = await h.api.get('/customers', { params: { limit: 1000 } });
		expect(live.data.items.some((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF === 'ZEBRA01')).toBe(false);
		const withDeleted = await h.api.get('/customers', { params: { limit: 1000, includeDeleted: true } });
		expect(withDeleted.data.items.find((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF === 'ZEBRA01')).toMatchObject({ RECORD_DELETED: 1 });
	});

	it('answers 404 NOT_FOUND for an unknown customer', async () => {
		const res = await h.api.get('/customers/NOPE99');
		expect(res.status).toBe(404);
		expect(res.data).toMatchObject({ code: 'NOT_FOUND', retryable: false });
	});

	it('a no-op update does not touch RECORD_MODIFY_DATE', async () => {
		const before = (await h.api.get('/customers/KIN001')).data;
		h.bridge.clock.advance(60);
		const after = await h.api.patch('/customers/KIN001', { NAME: before.NAME }, h.key());
		expect(after.data.RECORD_MODIFY_DATE).toBe(before.RECORD_MODIFY_DATE);
	});
});
