// WordPress's export (WXR, an RSS 2.0 file with the wp: namespace): each <item> is a post or a
// page, its comments are <wp:comment> children. WordPress stores comment text with its own
// conventions (line breaks meant as such, some HTML), so newlines are kept.
import { htmlToText } from "./html";
import { ImportError, authorKey, authorName, optionalText, parseDate, type RecordSink, type SourceStatus } from "./records";
import { childText, walkXml } from "./xml";

function commentStatus(approved: string | null): SourceStatus {
  switch (approved?.trim()) {
    case "1":
      return "approved";
    case "spam":
      return "spam";
    case "trash":
    case "post-trashed":
      return "deleted";
    default:
      return "pending";
  }
}

export function parseWxr(chunks: AsyncIterable<string>, sink: RecordSink): Promise<void> {
  return walkXml(chunks, {
    root: "rss",
    formatName: "a WordPress export (WXR)",
    recordDepth: 3,
    records: new Set(["item"]),
    checkRoot(attrs) {
      if (!Object.entries(attrs).some(([k, v]) => k.startsWith("xmlns:") && /wordpress\.org\/export\//.test(v))) {
        throw new ImportError(
          "This is an RSS feed but not a WordPress export (WXR): it has no wp: namespace (http://wordpress.org/export/…). Export from Tools › Export in WordPress.",
        );
      }
    },
    async onRecord(item) {
      const comments = item.children.filter((c) => c.name === "wp:comment");
      if (comments.length === 0) return; // posts, pages and attachments nobody commented: no story
      const postId = optionalText(childText(item, "wp:post_id")) ?? optionalText(childText(item, "guid")) ?? "";
      const url = optionalText(childText(item, "link"));
      await sink.thread({
        sourceId: postId,
        key: url,
        url,
        title: optionalText(childText(item, "title")),
        createdAt: parseDate(childText(item, "wp:post_date_gmt")) ?? parseDate(childText(item, "pubDate")),
        closed: childText(item, "wp:comment_status")?.trim() === "closed",
      });
      for (const c of comments) {
        const name = authorName(childText(c, "wp:comment_author"));
        const userId = childText(c, "wp:comment_user_id")?.trim();
        const type = childText(c, "wp:comment_type")?.trim() ?? "";
        const rawDate = optionalText(childText(c, "wp:comment_date_gmt"));
        const parent = childText(c, "wp:comment_parent")?.trim();
        await sink.comment({
          sourceId: optionalText(childText(c, "wp:comment_id")) ?? "",
          threadId: postId,
          parentId: parent && parent !== "0" ? parent : null,
          authorKey: authorKey({ userId: userId && userId !== "0" ? userId : null, email: childText(c, "wp:comment_author_email"), name }),
          authorName: name,
          // An unset GMT date (0000-00-00…) falls back to the local one, read as UTC.
          createdAt: parseDate(rawDate) ?? parseDate(childText(c, "wp:comment_date")) ?? rawDate,
          body: htmlToText(childText(c, "wp:comment_content") ?? "", { newlines: "keep" }).text,
          status: commentStatus(childText(c, "wp:comment_approved")),
          notComment: type === "pingback" || type === "trackback" ? `a ${type}, not a comment` : null,
        });
      }
    },
  });
}
