// Whether the element is near the viewport: nothing is fetched before (a long article, a list of
// stories), and news are asked for only while it is.
import type { ReactiveController, ReactiveControllerHost } from "../element";

export class InViewController implements ReactiveController {
  /** near the viewport now */
  visible = false;
  private observer?: IntersectionObserver;

  constructor(private host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.some((e) => e.isIntersecting);
        if (visible !== this.visible) (this.visible = visible), this.host.requestUpdate("inView");
      },
      { rootMargin: "600px" },
    );
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}
