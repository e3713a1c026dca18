// What the transports say about an answer that is not JSON: what it was, how big, never the body itself.
import { describeUnreadable, errorResponseBody, isJsonAnswer } from '../../nodes/shared/unreadable';

describe('unreadable answers', () => {
	it('only JSON objects and lists are answers; bytes count when they hold one', () => {
		expect(isJsonAnswer({ Message: 'entity updated' })).toBe(true);
		expect(isJsonAnswer([])).toBe(true);
		for (const body of ['', '[{"id":1', '<html>', undefined, null, 42, true]) expect(isJsonAnswer(body)).toBe(false);
		expect(isJsonAnswer(Buffer.from('{"code":"NOT_FOUND","message":"x"}'))).toBe(true);
		expect(isJsonAnswer(Buffer.from('<html>502</html>'))).toBe(false);
	});

	it('names an HTML page by its title, a cut JSON body and an empty body, with their size', () => {
		expect(describeUnreadable('<html><head><title>502 Bad Gateway</title></head><body>…</body></html>')).toBe(
			'an HTML page ("502 Bad Gateway") of 72 bytes',
		);
		expect(describeUnreadable('<!DOCTYPE html><html><body><h2>Service Unavailable</h2></body></html>')).toMatch(/^an HTML page \("Service Unavailable"\)/);
		expect(describeUnreadable('{"Message":"entit')).toBe('JSON cut off after 17 bytes');
		expect(describeUnreadable(`[{"id":1,"comment":"${'x'.repeat(3 * 2 ** 20)}`)).toBe('JSON cut off after 3.0 MB');
		for (const empty of ['', '  ', undefined, null]) expect(describeUnreadable(empty)).toBe('an empty body');
		expect(describeUnreadable(Buffer.from('<html><title>504 Gateway Time-out</title></html>'))).toMatch(/^an HTML page \("504 Gateway Time-out"\)/);
	});

	it('quotes at most 80 characters of a text, on one line', () => {
		const text = `Internal Server Error\r\n${'   at Some.Frame()\r\n'.repeat(5000)}`;
		const said = describeUnreadable(text);
		expect(said).toMatch(/^text \("Internal Server Error at Some\.Frame\(\) .{40,}…"\) of \d+\.\d KB$/);
		expect(said.length).toBeLessThan(140);
	});

	it('finds the response behind an n8n HTTP error (a NodeApiError whose cause is the axios error)', () => {
		expect(errorResponseBody({ cause: { response: { status: 502, data: '<html>' } } })).toEqual({ status: 502, body: '<html>' });
		expect(errorResponseBody({ response: { status: 500, body: 'x' } })).toEqual({ status: 500, body: 'x' });
		expect(errorResponseBody({ cause: { code: 'ECONNRESET' } })).toBeUndefined();
	});
});
