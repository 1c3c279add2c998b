// Disqus's XML export (https://help.disqus.com/en/articles/1717164-comments-export): <category>,
// then <thread dsq:id> (identifier, link, title, createdAt, isClosed), then <post dsq:id>
// (message as HTML, createdAt, isDeleted, isSpam, isApproved when present, author, thread, parent).
import { htmlToText } from "./html";
import { authorKey, authorName, optionalText, parseDate, type RecordSink, type SourceStatus } from "./records";
import { child, childText, walkXml, type XmlNode } from "./xml";

const yes = (text: string | null) => text?.trim().toLowerCase() === "true";

function postStatus(post: XmlNode): SourceStatus {
  if (yes(childText(post, "isSpam"))) return "spam";
  if (yes(childText(post, "isDeleted"))) return "deleted";
  if (childText(post, "isApproved")?.trim().toLowerCase() === "false") return "pending";
  return "approved";
}

export function parseDisqus(chunks: AsyncIterable<string>, sink: RecordSink): Promise<void> {
  return walkXml(chunks, {
    root: "disqus",
    formatName: "a Disqus export",
    recordDepth: 2,
    records: new Set(["thread", "post"]),
    async onRecord(node) {
      const id = node.attrs["dsq:id"]?.trim();
      if (node.name === "thread") {
        const url = optionalText(childText(node, "link"));
        await sink.thread({
          sourceId: id ?? "",
          key: optionalText(childText(node, "id")) ?? url,
          url,
          title: optionalText(childText(node, "title")),
          createdAt: parseDate(childText(node, "createdAt")),
          closed: yes(childText(node, "isClosed")),
        });
        return;
      }
      const author = child(node, "author");
      const name = authorName(childText(author, "name") ?? childText(author, "username"));
      const anonymous = yes(childText(author, "isAnonymous"));
      const rawDate = childText(node, "createdAt");
      const { text } = htmlToText(childText(node, "message") ?? "", { newlines: "collapse" });
      await sink.comment({
        sourceId: id ?? "",
        threadId: child(node, "thread")?.attrs["dsq:id"]?.trim() ?? "",
        parentId: child(node, "parent")?.attrs["dsq:id"]?.trim() || null,
        authorKey: authorKey({
          userId: anonymous ? null : optionalText(childText(author, "username")),
          email: childText(author, "email"),
          name,
        }),
        authorName: name,
        createdAt: parseDate(rawDate) ?? optionalText(rawDate),
        body: text,
        status: postStatus(node),
        notComment: null,
      });
    },
  });
}
