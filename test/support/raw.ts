// Raw HTTP for answers no contract describes (the simulators' garbage faults): bodies as text, any status.
import axios, { type AxiosInstance } from 'axios';

export function rawTextClient(baseURL: string, headers: Record<string, string>): AxiosInstance {
	return axios.create({ baseURL, headers, validateStatus: () => true, responseType: 'text', transformResponse: (data: string) => data });
}

export function isJsonText(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
