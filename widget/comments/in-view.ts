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
    // Measured at once (the observer's first answer comes a frame later): a discussion already in
    // view starts loading now.
    const box = this.host.getBoundingClientRect();
    this.visible = box.bottom > -600 && box.top < innerHeight + 600;
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
