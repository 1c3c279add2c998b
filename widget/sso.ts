// The site's sign-in for every discussion of the page: `palabre.login(token)` and
// `palabre.logout()` on window win over each element's `sso-token` attribute.
import type { ReactiveController, ReactiveControllerHost } from "./element";

/** undefined: never called (the attribute decides); null: signed out */
let pageToken: string | null | undefined;
const hosts = new Set<ReactiveControllerHost>();

function signIn(token: string | null): void {
  pageToken = token;
  for (const host of hosts) host.requestUpdate("ssoToken");
}

/** Tells its host when the page signs in or out; `token()` is the one to send. */
export class SsoController implements ReactiveController {
  constructor(private host: ReactiveControllerHost & { ssoToken?: string }) {
    host.addController(this);
  }
  hostConnected(): void {
    hosts.add(this.host);
  }
  hostDisconnected(): void {
    hosts.delete(this.host);
  }
  token(): string | null | undefined {
    return pageToken === undefined ? this.host.ssoToken : pageToken;
  }
}

const api = (window.palabre ??= {} as Window["palabre"]);
api.login = signIn;
api.logout = () => signIn(null);

declare global {
  interface Window {
    palabre: { login(token: string): void; logout(): void };
  }
}
