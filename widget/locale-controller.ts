// An element's strings: its `locale` attribute (else the page's language) picks the language, whose
// chunk is loaded on first use; the host renders again when it arrives.
import type { ReactiveControllerHost } from "./element";
import { langOf, loadMessages, messagesNow, type Messages } from "./locales/index";

export class LocaleController {
  constructor(private host: ReactiveControllerHost & { locale?: string }) {}

  /** The strings now, or undefined while their chunk loads (the host is updated when it is here). */
  current(): Messages | undefined {
    const lang = langOf(this.host.locale);
    const t = messagesNow(lang);
    if (!t) void loadMessages(lang).then(() => this.host.requestUpdate("t"));
    return t;
  }
}
