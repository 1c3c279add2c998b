// Live threads: every 15 s while the discussion is on screen and the tab visible, one conditional
// request asks for comments posted since the story was read (news-poll.ts). This controller holds
// the clock and what the button will show. It comes with the lazy forms chunk, which the idle
// browser loads soon after the first comment: nothing is new before the first tick anyway.
import type { CommentView } from "../../worker/schemas/views";
import type { ReactiveController } from "../element";
import type { CommentsHost } from "./host";
import type { InViewController } from "./in-view";
import { poll } from "./news-poll";

const POLL_MS = 15_000;

export class NewsController implements ReactiveController {
  /** new comments the button will show, oldest first */
  fresh: CommentView[] = [];
  /** the newest id the last answer went up to, when it held everything newer */
  through = 0;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private host: CommentsHost,
    readonly inView: InViewController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The clock moves relative times and edit windows along; news come with the same tick.
    this.timer = setInterval(() => {
      this.host.now = Date.now();
      if (this.inView.visible && document.visibilityState === "visible") void poll(this.host, this);
    }, POLL_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  /** What the button will show now (renders the button and its count). */
  offer(fresh: CommentView[]): void {
    this.fresh = fresh;
    this.host.requestUpdate();
  }

  /** A new first page replaces what was announced. */
  reset(): void {
    this.fresh = [];
    this.through = 0;
  }
}
