// Answers of the garbage fault modes (README "Admin API"): what a client meets when a proxy, a load
// balancer or a crashing server answers in the API's place. Synthetic; the real API's own errors are JSON
// (notes §1 "JSON ... bodies, errors included"), so none of these is ever a valid ForceManager answer.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { GARBAGE_MODES, type Fault, type GarbageMode } from './monitor';

const DEFAULT_HUGE_BYTES = 8 * 2 ** 20;
/** The start of a list page, cut off: used when there is no real answer to truncate. */
const CUT_PAGE = '[{"id":1,"name":"Bristol Stationers Ltd","extId":"BRI001","readOnly":tr';

export const isGarbage = (fault: Fault | undefined): fault is Fault & { mode: GarbageMode } =>
	fault !== undefined && (GARBAGE_MODES as readonly string[]).includes(fault.mode);

/** Sends the garbage answer of `fault` (`real`: what the API answered, for processed faults); returns the status. */
export function sendGarbage(res: ServerResponse, fault: Fault & { mode: GarbageMode }, real?: CapturedResponse): number {
	const answer = (status: number, contentType: string, body: string): number => {
		res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
		return status;
	};
	switch (fault.mode) {
		case 'htmlError': {
			const status = fault.status ?? 502;
			const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
			return answer(status, 'text/html', `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
		}
		case 'truncatedJson': {
			// Any proper prefix of a JSON object or array is invalid JSON; a cut real answer keeps its status.
			const whole = real && real.body.length > 1 ? real.body : CUT_PAGE;
			return answer(real?.statusCode ?? 200, 'application/json; charset=utf-8', whole.slice(0, Math.max(1, Math.floor(whole.length / 2))));
		}
		case 'nonJson500':
			return answer(500, 'text/plain', 'Internal Server Error\r\nSystem.NullReferenceException: Object reference not set to an instance of an object.\r\n   at Api.Controllers.EntityController.Get()\r\n');
		case 'emptyBody':
			return answer(200, 'application/json; charset=utf-8', '');
		case 'hugePayload': {
			// A page far larger than asked for, cut off by a proxy's size limit: huge and never valid JSON.
			const size = fault.sizeBytes ?? DEFAULT_HUGE_BYTES;
			const head = '[{"id":1,"comment":"';
			return answer(200, 'application/json; charset=utf-8', head + 'x'.repeat(Math.max(0, size - head.length)));
		}
	}
}

/** Collects what the API handlers write, so a processed fault can answer garbage instead. */
export class CapturedResponse {
	statusCode = 200;
	headersSent = false;
	body = '';

	writeHead(status: number): this {
		this.statusCode = status;
		this.headersSent = true;
		return this;
	}

	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.body += chunk.toString();
		return this;
	}

	asResponse(): ServerResponse {
		return this as unknown as ServerResponse;
	}
}
