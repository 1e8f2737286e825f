/**
 * What a decoder recovered from instead of refusing the body: plain data on decoded results
 * (`MultiStatus.warnings`, `DavHttpError.warnings`, `ActiveLock.warnings`). Decode with
 * `strict: true` to refuse such bodies instead.
 *
 * @group Multi-Status decoding
 */
export type DecodeWarning =
  /**
   * A prefix a body used without declaring it, and how davkit read it. One warning per prefix, with
   * the first place it was used and how often.
   */
  | {
      readonly kind: 'unbound-prefix';
      /** The prefix as written, e.g. `'DAV'` for `<DAV:getetag/>`. */
      readonly prefix: string;
      /** The namespace its names were read in (the prefix's conventional one, or `urn:davkit:unbound:<prefix>`). */
      readonly namespace: string;
      /** `true`: the prefix's conventional namespace; `false`: `urn:davkit:unbound:<prefix>`. */
      readonly conventional: boolean;
      /** How many element and attribute names used it. */
      readonly occurrences: number;
      /** Where it was first used: an element's qualified name as written (`DAV:getetag`). */
      readonly element: string;
      /** When the first use was an attribute of `element`: its qualified name. */
      readonly attribute?: string;
      /** The `DAV:href` of the response it was first used in, when it was inside one. */
      readonly href?: string;
      /** One readable line, for logs. */
      readonly message: string;
    }
  /** More undeclared prefixes than davkit lists one by one (a hostile body could hold millions). */
  | {
      readonly kind: 'unbound-prefix-overflow';
      /** Distinct prefixes beyond those listed. */
      readonly prefixes: number;
      readonly occurrences: number;
      readonly message: string;
    };

/** A warning about one undeclared prefix. */
export type UnboundPrefixWarning = Extract<DecodeWarning, { readonly kind: 'unbound-prefix' }>;
