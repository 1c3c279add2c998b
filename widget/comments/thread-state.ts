// The discussion's data and the loading of its first page for a sort. Each change replaces the
// value it changes and asks the host to render. What changes it later (further pages and replies,
// the reader's own comments, likes) is in thread-actions.ts, with the lazy forms.
import type { CommentView, ReasonView, SiteView, StoryView, ThreadComment, ThreadResponse, ThreadSort } from "../../worker/schemas/views";
import { describeError } from "../errors";
import { readerStore } from "../storage";
import type { CommentsHost } from "./host";

export type Phase = "idle" | "loading" | "ready" | "error";

export interface ThreadState {
  phase: Phase;
  /** the message of a failed first load */
  loadError: string;
  site: SiteView | null;
  story: StoryView | null;
  sort: ThreadSort;
  comments: ThreadComment[];
  featured: CommentView[];
  /** the reader's own comments awaiting moderation */
  own: CommentView[];
  /** why the reader's held comments wait (known for those posted from this page) */
  held: ReadonlyMap<number, ReasonView[]>;
  /** comments this reader sent from this page, under this identity */
  mine: ReadonlySet<number>;
  /** comments to show first whatever the sort: new since the page was opened */
  pinned: ReadonlySet<number>;
  nextCursor: string | null;
  /** requests under way ("more", "replies-ID") */
  busy: ReadonlySet<string>;
  /** errors by place: "more", "replies-ID", "cID" (a comment's own actions) */
  errors: ReadonlyMap<string, string>;
  viewer: ThreadResponse["viewer"];
  /** the story's newest comment id when it was read: news are asked for after it */
  latestId: number;
}

const empty = (): Omit<ThreadState, "phase" | "loadError" | "sort"> => ({
  site: null,
  story: null,
  comments: [],
  featured: [],
  own: [],
  held: new Map(),
  mine: new Set(),
  pinned: new Set(),
  nextCursor: null,
  busy: new Set(),
  errors: new Map(),
  viewer: null,
  latestId: 0,
});

export const withKey = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): Map<K, V> => {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
};
export const withItem = <T>(set: ReadonlySet<T>, item: T, on = true): Set<T> => {
  const next = new Set(set);
  if (on) next.add(item);
  else next.delete(item);
  return next;
};

export class ThreadController implements ThreadState {
  phase: Phase = "idle";
  loadError = "";
  sort: ThreadSort = "newest";
  site!: SiteView | null;
  story!: StoryView | null;
  comments!: ThreadComment[];
  featured!: CommentView[];
  own!: CommentView[];
  held!: ReadonlyMap<number, ReasonView[]>;
  mine!: ReadonlySet<number>;
  pinned!: ReadonlySet<number>;
  nextCursor!: string | null;
  busy!: ReadonlySet<string>;
  errors!: ReadonlyMap<string, string>;
  viewer!: ThreadResponse["viewer"];
  latestId!: number;
  /** which discussion and identity the data belongs to: another one starts from nothing */
  private source = "";
  private generation = 0;

  constructor(readonly host: CommentsHost) {
    Object.assign(this, empty());
  }

  /** Applies a change and renders it. */
  set(patch: Partial<ThreadState>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** The first page for the current sort; `source` says whose discussion (site, story, identity). */
  async load(source: string): Promise<void> {
    const host = this.host;
    const generation = ++this.generation;
    if (source !== this.source) {
      // Another discussion or another reader: nothing of the previous one may linger (a sort
      // change keeps it on screen, marked busy).
      this.source = source;
      Object.assign(this, empty());
    }
    if (!host.client) return this.set({ phase: "error", loadError: (await host.messages()).missingSite });
    this.set({ phase: "loading" });
    try {
      const res = await host.client.thread({ story: host.storyKey, sort: this.sort, ...host.pageInfo });
      if (generation !== this.generation) return;
      this.set({
        phase: "ready",
        site: res.site,
        story: res.story,
        comments: res.comments,
        featured: res.featured ?? [],
        own: res.own ?? [],
        mine: new Set([...this.mine, ...(res.own ?? []).map((c) => c.id)]),
        pinned: new Set(),
        nextCursor: res.nextCursor,
        viewer: res.viewer,
        errors: new Map(),
        latestId: Math.max(this.latestId, res.latestId ?? 0),
      });
      host.name ||= readerStore.name(res.site.id) || (res.viewer?.name ?? "");
    } catch (err) {
      if (generation !== this.generation) return;
      this.set({ phase: "error", loadError: await describeError(await host.messages(), err) });
    }
  }

  /** The generation of the data on screen: an answer for an older one is dropped. */
  get current(): number {
    return this.generation;
  }

  setError(key: string, message: string | undefined): void {
    this.set({ errors: withKey(this.errors, key, message) });
  }
}
