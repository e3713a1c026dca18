// Writes: create/update/delete semantics, audit fields, validation, readOnly toggle, bulk endpoints.
import type { AxiosInstance } from 'axios';
import { DEMO_KEYS, DEMO_USERS } from '../../../sandbox/forcemanager';
import { type Harness, startHarness } from './helpers';

describe('single-record writes', () => {
	let h: Harness;
	let api: AxiosInstance;
	beforeEach(async () => {
		h = await startHarness();
		api = await h.login();
	});
	afterEach(() => h.sim.close());

	it('POST returns {Message:"entity created", id}; lookups accept int or {id} and read back as {id,value}', async () => {
		const res = await api.post('/accounts', { name: 'Harrogate Hardware', branchId: { id: 1 }, salesRepId1: 3, statusId: 2, countryId: 1 });
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ Message: 'entity created', id: 5 });
		const row = (await api.get('/accounts/5')).data;
		expect(row).toMatchObject({
			name: 'Harrogate Hardware',
			branchId: { id: 1, value: 'Head Office' },
			salesRepId1: { id: 3, value: 'Ben Carter' },
			statusId: { id: 2, value: 'Prospect' },
			salesRepId2: null,
			deleted: false,
			dateUpdated: null,
			dateDeleted: null,
			salesRepIdCreated: DEMO_KEYS.userId,
			salesRepIdUpdated: null,
		});
		expect(row.dateCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/);
	});

	it('lang picks the lookup label language', async () => {
		await h.admin.patch('/records/accountStatuses/1', { descriptionES: 'Cliente' });
		expect((await api.get('/accounts/1', { params: { lang: 'es' } })).data.statusId).toEqual({ id: 1, value: 'Cliente' });
	});

	it('PUT is partial and sets dateUpdated/salesRepIdUpdated only then (null until the first update)', async () => {
		await h.admin.post('/clock', { frozenAt: '2025-04-01T08:30:15.120Z' });
		const before = (await api.get('/accounts/4')).data;
		expect(before.dateUpdated).toBeNull();
		const res = await api.put('/accounts/4', { phone: '01632 960 999' });
		expect(res.data).toEqual({ Message: 'entity updated' });
		const after = (await api.get('/accounts/4')).data;
		expect(after).toMatchObject({ phone: '01632 960 999', name: before.name, email: before.email, dateUpdated: '2025-04-01T08:30:15.12Z', salesRepIdUpdated: DEMO_KEYS.userId });
	});

	it('DELETE is soft: the row stays readable and listed with deleted:true, dateDeleted and salesRepIdDeleted', async () => {
		expect((await api.delete('/contacts/4')).data).toEqual({ Message: 'entity deleted' });
		const row = (await api.get('/contacts/4')).data;
		expect(row).toMatchObject({ deleted: true, salesRepIdDeleted: DEMO_KEYS.userId });
		expect(row.dateDeleted).not.toBeNull();
		const listed = (await api.get('/contacts')).data.find((c: { id: number }) => c.id === 4);
		expect(listed.deleted).toBe(true);
		expect((await api.get('/contacts', { params: { where: 'deleted = false' } })).data.map((c: { id: number }) => c.id)).not.toContain(4);
	});

	it('unknown ids are 400 (not 404) on GET, PUT and DELETE', async () => {
		for (const res of [await api.get('/accounts/777'), await api.put('/accounts/777', { name: 'x' }), await api.delete('/accounts/777'), await api.get('/accounts/abc')]) {
			expect(res.status).toBe(400);
			expect(res.data.code).toBe(910);
		}
	});

	it.each([
		[{ branchId: 1, salesRepId1: 3 }, 'name'],
		[{ name: 'No rep', branchId: 1 }, 'salesRepId1'],
		[{ name: 'x', branchId: 1, salesRepId1: 99 }, 'salesRepId1'],
		[{ name: 'x', branchId: 1, salesRepId1: 3, countryId: 42 }, 'countryId'],
		[{ name: 'x', branchId: 1, salesRepId1: 3, address1: 'a'.repeat(181) }, 'address1'],
		[{ name: 'x', branchId: 1, salesRepId1: 3, comment: 'c'.repeat(6001) }, 'comment'],
		[{ name: 'x', branchId: 1, salesRepId1: 3, readOnly: 'yes' }, 'readOnly'],
		[{ name: 'x', branchId: 1, salesRepId1: 3, colour: 'red' }, 'colour'],
		[{ name: 'x', branchId: 1, salesRepId1: 3, dateCreated: '2025-01-01T00:00:00Z' }, 'dateCreated'],
	])('invalid create %j is 400 naming %s', async (body, field) => {
		const res = await api.post('/accounts', body);
		expect(res.status).toBe(400);
		expect(res.data.field).toBe(field);
		expect(res.data.message).toContain(field);
	});

	it('products validate extId maxLength 30 and family/category lookups', async () => {
		expect((await api.post('/products', { model: 'Pen', extId: 'P'.repeat(31) })).data.field).toBe('extId');
		expect((await api.post('/products', { model: 'Pen', familyId: 9 })).data.field).toBe('familyId');
		const ok = await api.post('/products', { model: 'Blue pen', extId: 'PEN-BLUE', familyId: 1, categoryId: 1, price: 0.5, stock: null, Z_SKU: 'PB1' });
		expect(ok.status).toBe(200);
		expect((await api.get(`/products/${ok.data.id}`)).data).toMatchObject({ familyId: { id: 1, value: 'Stationery' }, stock: null, Z_SKU: 'PB1' });
	});

	it('field-name quirks: salesorderId on line reads, salesForcecastDate on orders, UseCompanyAddress, gender', async () => {
		const line = await api.post('/salesordersLines', { salesOrderId: 1, productId: 1, quantity: 2.5, price: 10 });
		expect((await api.get(`/salesordersLines/${line.data.id}`)).data.salesorderId).toEqual({ id: 1, value: 'SO-1001' });
		const order = await api.post('/salesorders', { reference: 'Q-9', branchId: 1, salesRepId: 3, salesForeCastDate: '2025-07-01' });
		expect((await api.get(`/salesorders/${order.data.id}`)).data.salesForcecastDate).toBe('2025-07-01T00:00:00Z');
		const contact = await api.post('/contacts', { firstName: 'Jo', lastName: 'Bloggs', accountId: 4, salesRepId: 4, branchId: 1, useCompanyAddress: true, gender: 0 });
		expect((await api.get(`/contacts/${contact.data.id}`)).data).toMatchObject({ UseCompanyAddress: true, lastName: 'Bloggs', gender: { id: 0, value: 'Male' } });
	});

	it('sales (invoices) read deleted as 0/1 and still filter with deleted = false', async () => {
		const sale = (await api.get('/sales/1')).data;
		expect(sale.deleted).toBe(0);
		expect(sale.accountId).toEqual({ id: 1, value: 'Bristol Print & Copy Ltd' });
		expect((await api.get('/sales', { params: { where: 'deleted = false' } })).data).toHaveLength(1);
	});

	it('users and value lists are read-only through the API (U1: no invented user writes)', async () => {
		expect((await api.post('/users', { name: 'New', email: 'n@example.com' })).status).toBe(405);
		expect((await api.put('/users/3', { name: 'Benjamin' })).status).toBe(405);
		expect((await api.delete('/accountStatuses/1')).status).toBe(405);
		expect((await api.get('/users/3')).data.managerId).toEqual({ id: 1, description: 'Alice Morgan' });
	});

	it('readOnly records (A3) are writable through the API by default; enforceReadOnly makes PUT/DELETE 400', async () => {
		expect((await api.put('/accounts/1', { phone: '0117 000 1111' })).status).toBe(200);
		await h.admin.post('/config', { enforceReadOnly: true });
		const put = await api.put('/accounts/1', { phone: '0117 000 2222' });
		expect(put.status).toBe(400);
		expect(put.data.field).toBe('readOnly');
		expect((await api.delete('/accounts/1')).status).toBe(400);
		expect((await api.put('/accounts/4', { phone: '01632 000 000' })).status).toBe(200); // not read-only
		expect((await api.get('/accounts/1')).data.phone).toBe('0117 000 1111');
		await h.admin.post('/config', { enforceReadOnly: false });
		expect((await api.delete('/accounts/1')).status).toBe(200);
	});

	it('malformed JSON is 400', async () => {
		const res = await api.post('/accounts', '{"name":', { headers: { 'Content-Type': 'application/json' }, transformRequest: [(d: unknown) => d] });
		expect(res.status).toBe(400);
	});

	it('product pictures: POST /products/{id}/documents returns a locator; PUT bytes there; admin reads them back (P3)', async () => {
		const doc = await api.post('/products/1/documents', { name: 'paper.png', folderId: '-1', isCarrousel: true });
		expect(doc.status).toBe(200);
		expect(typeof doc.data.id).toBe('string');
		expect(doc.data.locator.startsWith(h.sim.origin)).toBe(true);
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
		const put = await h.http.put(doc.data.locator, bytes, { baseURL: '', headers: { 'Content-Type': 'application/octet-stream' } });
		expect(put.status).toBe(200);
		const content = await h.admin.get(`/documents/${doc.data.id}/content`, { responseType: 'arraybuffer' });
		expect(Buffer.from(content.data)).toEqual(bytes);
		expect((await h.admin.get(`/documents/${doc.data.id}`)).data).toMatchObject({ entity: 'products', entityId: 1, isCarrousel: true, size: 7, uploaded: true });
		expect((await api.get('/products/1/documents')).data).toEqual([expect.objectContaining({ id: doc.data.id, name: 'paper.png', extension: 'png', size: 7 })]);
		const forged = await h.http.put(doc.data.locator.replace(/Signature=.*/, 'Signature=forged'), bytes, { baseURL: '' });
		expect(forged.status).toBe(403);
		expect((await api.post('/products/999/documents', { name: 'x.png' })).status).toBe(400);
	});

	it('GET /resources and /{resource}/schema describe the entities', async () => {
		const resources = (await api.get('/resources')).data;
		expect(resources).toContainEqual(expect.objectContaining({ end_point: '/v4/accounts', operations: { create: true, read: true, update: true, delete: true } }));
		expect(resources).toContainEqual(expect.objectContaining({ end_point: '/v4/users', operations: { create: false, read: true, update: false, delete: false } }));
		const schema = (await api.get('/accounts/schema')).data;
		expect(schema.properties.address1.maxLength).toBe(180);
		expect(schema.properties.statusId.table).toBe('accountStatuses');
		expect(schema.properties.dateCreated.readOnly).toBe(true);
	});
});

describe('bulk endpoints', () => {
	let h: Harness;
	let api: AxiosInstance;
	beforeAll(async () => {
		h = await startHarness();
		api = await h.login();
	});
	afterAll(() => h.sim.close());

	it('POST /accounts/bulk creates valid items and reports invalid ones per guid with code 0 naming the field', async () => {
		const res = await api.post('/accounts/bulk', [
			{ guid: 'a', data: { name: 'Bulk One', branchId: 1, salesRepId1: 3, extId: 'BLK001' } },
			{ guid: 'b', data: { name: 'Bulk Two', branchId: 1, salesRepId1: 3, address1: 'x'.repeat(200) } },
			{ guid: 'c', data: { name: 'Bulk Three', branchId: 1, salesRepId1: 404 } },
			{ guid: 'd', data: { name: 'Bulk Four', branchId: 1, salesRepId1: 4 } },
		]);
		expect(res.status).toBe(200);
		expect(res.data.map((r: { guid: string; code: number }) => [r.guid, r.code])).toEqual([['a', 1], ['b', 0], ['c', 0], ['d', 1]]);
		expect(res.data[1].message).toContain('address1');
		expect(res.data[2].message).toContain('salesRepId1');
		expect(res.data[1].id).toBeNull();
		const created = await api.get(`/accounts/${res.data[0].id}`);
		expect(created.data).toMatchObject({ name: 'Bulk One', extId: 'BLK001', salesRepIdCreated: DEMO_KEYS.userId });
	});

	it('PUT and DELETE /{res}/bulk take {guid,id,data} and {guid,id}; unknown ids fail alone', async () => {
		const put = await api.put('/contacts/bulk', [
			{ guid: 'u1', id: 1, data: { phone2: '0117 111' } },
			{ guid: 'u2', id: 999, data: { phone2: '0' } },
			{ guid: 'u3', id: 2, data: { firstName: '' } },
		]);
		expect(put.data.map((r: { code: number }) => r.code)).toEqual([1, 0, 0]);
		expect(put.data[2].message).toContain('firstName');
		expect((await api.get('/contacts/1')).data.phone2).toBe('0117 111');
		const del = await api.delete('/products/bulk', { data: [{ guid: 'd1', id: 4 }, { guid: 'd2', id: 404 }] });
		expect(del.data).toEqual([
			{ guid: 'd1', id: 4, code: 1, message: 'Entity delete success' },
			{ guid: 'd2', id: 404, code: 0, message: expect.stringContaining('404') },
		]);
		expect((await api.get('/products/4')).data.deleted).toBe(true);
	});

	it('more than 100 items is 400; bulk exists for accounts, contacts, products, salesorders and sales only', async () => {
		const items = Array.from({ length: 101 }, (_, i) => ({ guid: `g${i}`, data: { model: `P${i}` } }));
		const tooMany = await api.post('/products/bulk', items);
		expect(tooMany.status).toBe(400);
		expect((await api.get('/products', { params: { where: "model = 'P0'" } })).data).toEqual([]);
		expect((await api.post('/products/bulk', items.slice(0, 100))).data.every((r: { code: number }) => r.code === 1)).toBe(true);
		for (const entity of ['salesorders', 'sales']) {
			expect((await api.post(`/${entity}/bulk`, [])).status).toBe(200);
		}
		expect((await api.post('/salesordersLines/bulk', [])).status).toBe(404);
		expect((await api.post('/accounts/bulk', { guid: 'x' })).status).toBe(400);
	});

	it('bulk honours readOnly enforcement per item', async () => {
		await h.admin.post('/config', { enforceReadOnly: true });
		const res = await api.put('/accounts/bulk', [
			{ guid: 'ro', id: 2, data: { phone: '1' } },
			{ guid: 'rw', id: 4, data: { phone: '2' } },
		]);
		expect(res.data.map((r: { code: number }) => r.code)).toEqual([0, 1]);
		await h.admin.post('/config', { enforceReadOnly: false });
		expect(DEMO_USERS.admin).not.toBe(DEMO_KEYS.userId);
	});
});
