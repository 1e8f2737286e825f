import { DavError, type DavErrorOptions } from './dav-error.ts';

/**
 * Where in a body a parse error was found. Lines and columns count from 1.
 *
 * @group Errors
 */
export interface ParsePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Context of a {@link DavParseError}. */
export interface DavParseErrorOptions extends DavErrorOptions {
  /** A short excerpt of the body around the problem (at most ~120 characters). */
  readonly snippet?: string;
  readonly position?: ParsePosition;
}

/**
 * A response body is not what WebDAV says it must be: malformed XML, a truncated body, an HTML error
 * page where a multistatus was expected, a DOCTYPE or entity trick, absurd nesting, a status line
 * without a code.
 *
 * @example
 * ```ts
 * try {
 *   decodeMultiStatus('<html><body>Bad gateway</body></html>');
 * } catch (error) {
 *   if (isDavParseError(error)) console.log(error.message, error.position);
 * }
 * ```
 *
 * @group Errors
 */
export class DavParseError extends DavError {
  override name = 'DavParseError' as const;
  readonly snippet: string;
  readonly position: ParsePosition | undefined;

  constructor(message: string, options: DavParseErrorOptions = {}) {
    const where = options.position
      ? ` at line ${options.position.line}, column ${options.position.column}`
      : '';
    super(`${message}${where}`, options);
    this.snippet = options.snippet ?? '';
    this.position = options.position;
  }

  override toJSON(): {
    readonly name: 'DavParseError';
    readonly message: string;
    readonly snippet: string;
    readonly position?: ParsePosition;
  } {
    return {
      name: this.name,
      message: this.message,
      snippet: this.snippet,
      ...(this.position === undefined ? {} : { position: this.position }),
    };
  }
}
