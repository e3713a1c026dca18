import { createExecuteContext } from '../../support/n8nContext';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { fetchProductImage } from '../../../nodes/shared/sage50/image';
import type { RunningBridge } from '../../../bridge/src';
import { admin, count, credentials, run, start } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

describe('P3 product images', () => {
	it('fetchProductImage returns the PNG as an n8n binary, undefined for a product without image', async () => {
		const ctx = createExecuteContext({ credentials: credentials(bridge), credentialTypes: [new Sage50UkiApi()] });
		const image = await fetchProductImage.call(ctx, 'BOARD001');
		expect(image).toMatchObject({ mimeType: 'image/png', fileName: 'BOARD001.png', fileExtension: 'png' });
		const bytes = Buffer.from(image!.data, 'base64');
		expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(await fetchProductImage.call(ctx, 'PAPER001')).toBeUndefined();
	});

	it('fetchProductImage retries SAGE_BUSY like every other call', async () => {
		await sage.fault({ mode: 'SAGE_BUSY', count: 1, method: 'GET', route: '/products/{stockCode}/image' });
		const ctx = createExecuteContext({ credentials: credentials(bridge), credentialTypes: [new Sage50UkiApi()] });
		expect((await fetchProductImage.call(ctx, 'FAX001'))?.mimeType).toBe('image/png');
	});

	it('Product → Get with Include Image puts the image into binary "image"; without the option no image call', async () => {
		const withImage = await run(bridge, { resource: 'product', operation: 'get', stockCode: 'BOARD001', options: { includeImage: true } });
		expect(withImage.json[0].STOCK_CODE).toBe('BOARD001');
		expect(withImage.items[0].binary?.image?.mimeType).toBe('image/png');
		await sage.resetCounters();
		const plain = await run(bridge, { resource: 'product', operation: 'get', stockCode: 'BOARD001' });
		expect(plain.items[0].binary).toBeUndefined();
		expect(count(await sage.counters(), 'GET', '/products/{stockCode}/image')).toBe(0);
	});
});
