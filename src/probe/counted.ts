/**
 * A view of `target` whose listed methods count their calls (each one request): the probe and the
 * sync report what they cost.
 *
 * @example
 * ```ts
 * const { session, count } = counted(dav, ['propfind']);
 * await session.propfind('/');
 * count(); // 1
 * ```
 */
export function counted<S extends object>(
  target: S,
  methods: readonly (keyof S & string)[],
): { readonly session: S; readonly count: () => number } {
  let calls = 0;
  const view: Record<string, unknown> = {};
  for (const name of methods) {
    const method = target[name];
    if (typeof method === 'function') {
      view[name] = (...args: unknown[]) => {
        calls++;
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
  }
  // Everything else is the target's own, bound to it: a class with private fields (DavClient)
  // cannot run its methods with the proxy as `this`.
  const session = new Proxy(target, {
    get: (object, key) => {
      if (typeof key === 'string' && key in view) {
        return view[key];
      }
      const value: unknown = Reflect.get(object, key);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
  return { session, count: () => calls };
}
