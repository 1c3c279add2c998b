// The one Node module the Worker uses (compatibility flag nodejs_als), typed here: worker/tsconfig
// includes the Workers types, not Node's.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, callback: () => R): R;
    getStore(): T | undefined;
  }
}
