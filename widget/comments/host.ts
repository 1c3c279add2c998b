// What the discussion's controllers and views know of <palabre-comments>: its declared properties
// and state, the page it sits in, and its controllers. One interface, so that no module reaches
// into the element's class (and the lazy chunks import no more than types from it).
import type { ReaderApi, PageInfo } from "../api";
import type { ReactiveControllerHost } from "../element";
import type { Messages } from "../locales/index";
import type { ThreadController } from "./thread-state";
import type { Forms } from "./forms";
import type { InViewController } from "./in-view";

export interface CommentsHost extends ReactiveControllerHost, HTMLElement {
  site?: string;
  story?: string;
  api?: string;
  ssoToken?: string;
  readonly renderRoot: ShadowRoot;
  /** the strings of the element's language, once its chunk is here */
  t: Messages | undefined;
  /** the polite status line ("Commentaire publié.") */
  status: string;
  /** the reader's name in the composers (remembered per site) */
  name: string;
  /** ms since epoch, refreshed every 15 s so that relative times move */
  now: number;
  /** the comment reached by a permalink, highlighted for a moment */
  flash: number | null;
  /** (re)loads the thread's first page, as when an attribute changes */
  load(): Promise<void>;
  /** the lazy forms chunk (composer, report, edit, delete), once loaded */
  forms: Forms | undefined;
  readonly thread: ThreadController;
  /** whether the element is near the viewport */
  readonly inView: InViewController;
  readonly client: ReaderApi | null;
  readonly storyKey: string;
  readonly pageInfo: PageInfo;
  /** the thread's strings, once their chunk is here (the first load does not wait for them) */
  messages(): Promise<Messages>;
  /** loads the forms chunk (first focus on the composer, a click, or idle time) */
  loadForms(): Promise<Forms>;
  /** loads the DSA chunk (statements of reasons, appeals, notices), for the forms */
  loadDsa(): Promise<typeof import("./dsa")>;
  /** loads the reader's own data chunk (export, erasure), for the forms */
  loadMyData(): Promise<typeof import("./my-data")>;
  /** moves focus into the shadow root, after the next render */
  focusAfter(selector: string): Promise<void>;
  /** guest posting is off and nobody is signed in: the site's sign-in comes first */
  readonly mustSignIn: boolean;
  requestLogin(): void;
  emit(name: string, detail?: unknown): boolean;
}
