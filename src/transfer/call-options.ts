import type { CallOptions } from '../transport/request-spec.ts';

/** The transport part of transfer options, for each request an upload or download sends. */
export function callOptions(options: {
  readonly signal?: AbortSignal | undefined;
  readonly timeout?: number | false | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}): CallOptions {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
}
