// A generated Disqus export of any size (200 MB by default in test/import/large.test.ts), made on
// the fly in chunks so that the test's own memory stays small: threads first, then posts, a
// third of them replies, some deleted or spam, bodies with HTML and entities.
export interface LargeExport {
  threads: number;
  posts: number;
  /** approximate size of each post's message in bytes */
  bodyBytes: number;
}

const WORDS = [
  "vélo",
  "ville",
  "piste",
  "&amp;",
  "<b>sûre</b>",
  "école",
  "marché",
  "Zoë",
  "<i>bien</i>",
  "d&rsquo;accord",
  "quartier",
  "été",
];

function message(n: number, bytes: number): string {
  let text = "";
  for (let i = 0; text.length < bytes; i++) text += `${WORDS[(n + i * 7) % WORDS.length]} `;
  return `<p>${text}</p><script>alert(${n})</script>`;
}

export async function* largeDisqus(o: LargeExport): AsyncIterable<string> {
  let chunk = '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n';
  const flush = function* () {
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  };
  for (let t = 1; t <= o.threads; t++) {
    chunk += `<thread dsq:id="t${t}"><id>story-${t}</id><link>https://big.example/story/${t}</link><title>Story ${t}</title><createdAt>2024-01-01T00:00:00Z</createdAt><isClosed>false</isClosed></thread>\n`;
    yield* flush();
  }
  for (let p = 1; p <= o.posts; p++) {
    const thread = (p % o.threads) + 1;
    // A reply answers the post one thread-round earlier (same thread), so parents come first.
    const parent = p % 3 === 0 && p > o.threads ? `<parent dsq:id="p${p - o.threads}"/>` : "";
    const minute = String(p % 60).padStart(2, "0");
    chunk +=
      `<post dsq:id="p${p}"><id/><message><![CDATA[${message(p, o.bodyBytes)}]]></message><createdAt>2024-02-01T10:${minute}:00Z</createdAt>` +
      `<isDeleted>${p % 97 === 0}</isDeleted><isSpam>${p % 89 === 0}</isSpam>` +
      `<author><name>Reader ${p % 5000}</name><isAnonymous>true</isAnonymous></author><thread dsq:id="t${thread}"/>${parent}</post>\n`;
    yield* flush();
  }
  yield `${chunk}</disqus>\n`;
}
