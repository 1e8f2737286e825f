import { redactText, redactUrl, SECRET_HEADERS, safeCause } from '../utils/redact.ts';
import { ByteRedaction, REDACTED } from './byte-redaction.ts';
import { referencedSecrets } from './referenced-secret.ts';
import { secretsOfHeader, spellings } from './secret-forms.ts';

const encoder = new TextEncoder();

/**
 * The one redaction point of a client: everything a server says that can reach an error or a result
 * (body bytes, the reason phrase, response headers, messages of errors thrown while sending) goes
 * through it, and comes out without the credentials the client holds or sent.
 *
 * A secret is any value of a secret header (`Authorization`, `Proxy-Authorization`, `Cookie`, and the
 * names in the client's `secretHeaders` option), whoever set it (the `auth` option, client or call
 * `headers`, a bearer token function, a Digest answer), with the credentials inside it (the part after
 * the scheme; the `user:password` pair of Basic; each cookie's value), in every spelling an echoing
 * server might use (see `spellings`), XML character references included (`&#83;3cr3t`). Values are kept in private fields: inspecting a client, an
 * exchange or a transport never shows them.
 *
 * @example
 * ```ts
 * const redactor = new Redactor(['x-api-key'], ['k-123456']);
 * redactor.text('key was k-123456'); // 'key was [REDACTED]'
 * ```
 */
export class Redactor {
  readonly #names: ReadonlySet<string>;
  readonly #secrets: readonly string[];
  readonly #forms: readonly string[];
  /** The secrets long enough to replace, for spellings with XML character references. */
  readonly #replaceable: readonly string[];
  readonly #referenced: RegExp | undefined;
  #bytes: readonly Uint8Array[] | undefined;

  /** `names`: secret header names besides the built-in ones; `secrets`: values known to be secret. */
  constructor(names: Iterable<string> = [], secrets: Iterable<string> = []) {
    this.#names = new Set([...SECRET_HEADERS, ...[...names].map((name) => name.toLowerCase())]);
    this.#secrets = [...secrets];
    const forms = new Set<string>();
    for (const secret of this.#secrets) {
      for (const form of spellings(secret)) {
        forms.add(form);
      }
    }
    this.#forms = [...forms].sort((a, b) => b.length - a.length);
    this.#replaceable = this.#secrets.filter((secret) => spellings(secret).length > 0);
    this.#referenced = referencedSecrets(this.#replaceable, (char) => char);
  }

  /** Whether values of this header are secrets (never sent to another origin, never shown). */
  isSecretHeader(name: string): boolean {
    return this.#names.has(name.toLowerCase());
  }

  /** The secrets among request headers (lower-case names), with the credentials inside them. */
  secretsIn(headers: Readonly<Record<string, string>>): string[] {
    return Object.entries(headers).flatMap(([name, value]) =>
      this.isSecretHeader(name) ? secretsOfHeader(name.toLowerCase(), value) : [],
    );
  }

  /** A redactor that also hides `secrets` (what one exchange sent). */
  with(secrets: readonly string[]): Redactor {
    return secrets.length === 0 ? this : new Redactor(this.#names, [...this.#secrets, ...secrets]);
  }

  /** Whether there is anything to hide. */
  get active(): boolean {
    return this.#forms.length > 0;
  }

  /** Text with every secret (and URL userinfo) replaced. */
  text(text: string): string {
    let redacted = redactText(text);
    for (const form of this.#forms) {
      if (redacted.includes(form)) {
        redacted = redacted.split(form).join(REDACTED);
      }
    }
    if (this.#referenced !== undefined && redacted.includes('&')) {
      redacted = redacted.replace(this.#referenced, REDACTED);
    }
    return redacted;
  }

  /** A URL for messages: no userinfo, no secret-looking query values, no secret anywhere in it. */
  url(url: string | URL): string {
    return this.text(redactUrl(url));
  }

  /** Response headers as a plain record: secret headers left out, secrets in other values replaced. */
  headers(headers: Headers): Record<string, string> {
    const plain: Record<string, string> = {};
    headers.forEach((value, name) => {
      if (!this.isSecretHeader(name)) {
        plain[name] = this.text(value);
      }
    });
    return plain;
  }

  /** A copy of an error chain safe to keep as a `cause` (see `safeCause`), secrets replaced. */
  cause(cause: unknown): Error | undefined {
    return safeCause(cause, (text) => this.text(text));
  }

  /** A fresh byte redaction for one body, or `undefined` when there is nothing to hide. */
  bodyRedaction(): ByteRedaction | undefined {
    if (!this.active) {
      return undefined;
    }
    this.#bytes ??= this.#forms.map((form) => encoder.encode(form));
    return new ByteRedaction(this.#bytes, this.#replaceable);
  }
}
