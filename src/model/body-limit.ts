/**
 * The name of a body limit, spelled as the option that raises it: `maxBodySize` (client option, a
 * body held whole), `maxSize` (`getText`/`getBytes`), `maxResponseSize` and `maxTextSize` (`limits`,
 * what an incremental decode holds at once; see `XmlLimits`).
 *
 * @group Errors
 */
export type BodyLimitName = 'maxBodySize' | 'maxSize' | 'maxResponseSize' | 'maxTextSize';
