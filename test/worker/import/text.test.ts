// HTML → Palabre's text and the dates exports use: what is kept, what is dropped, what is refused.
import { describe, expect, it } from "vitest";
import { formatText } from "../../../common/text/format";
import { decodeEntities, htmlToText } from "../../../worker/import/html";
import { authorName, parseDate } from "../../../worker/import/records";

const text = (html: string) => htmlToText(html, { newlines: "collapse" }).text;

describe("htmlToText", () => {
  it("keeps paragraphs, line breaks, emphasis, quotes and http(s) links as the formatter reads them", () => {
    const out = text(
      '<p>Un <strong>très</strong> <em> bon </em> article.<br/>Voir <a href="https://a.example/x?y=1&amp;z=2">la source</a>.</p><blockquote><p>Cité</p></blockquote>',
    );
    expect(out).toBe("Un **très** *bon* article.\nVoir la source (https://a.example/x?y=1&z=2).\n\n> Cité");
    expect(formatText(out).map((b) => b.type)).toEqual(["paragraph", "quote"]);
    expect(JSON.stringify(formatText(out))).toContain('"type":"strong"');
    expect(JSON.stringify(formatText(out))).toContain('"type":"link"');
  });

  it("drops scripts, styles, iframes and unsafe links with their content, and every attribute", () => {
    expect(
      text(
        '<p onclick="x()">Hi<script>alert("<p>no</p>")</script><style>p{}</style><iframe src="https://e.example">x</iframe> <a href="javascript:alert(1)">there</a> <a href="data:text/html,x">data</a><img src=x onerror=alert(1)></p>',
      ),
    ).toBe("Hi there data");
    expect(text("<SCRIPT>a</SCRIPT>b<!-- c -->d")).toBe("bd");
  });

  it("decodes entities: named, numeric, hex, accented letters; unknown ones stay", () => {
    expect(decodeEntities("&eacute;t&eacute; &amp; &#233;&#xE9; &hellip; &laquo;&nbsp;oui&nbsp;&raquo; &bogus; &#0;")).toBe(
      "été & éé … «\u00a0oui\u00a0» &bogus; \ufffd",
    );
    expect(text("&lt;b&gt;not bold&lt;/b&gt;")).toBe("<b>not bold</b>");
  });

  it("keeps meant line breaks of WordPress text, collapses HTML white space for Disqus", () => {
    expect(htmlToText("a\nb\n\n\n\nc", { newlines: "keep" }).text).toBe("a\nb\n\nc");
    expect(text("a\n   b")).toBe("a b");
  });

  it("cuts a body longer than BODY_MAX and says so; strips control characters", () => {
    const long = htmlToText(`<p>${"a".repeat(6000)}</p>`, { newlines: "collapse" });
    expect(long.cut).toBe(true);
    expect([...long.text].length).toBe(5000);
    expect(text("a\u0007b\u0085c")).toBe("abc");
  });
});

describe("dates and names", () => {
  it("reads ISO 8601 (T or space, offsets), RFC 2822 and epoch; refuses the rest", () => {
    const t = Date.UTC(2024, 4, 1, 12, 0, 0);
    for (const raw of [
      "2024-05-01T12:00:00Z",
      "2024-05-01 12:00:00",
      "2024-05-01T14:00:00+02:00",
      "2024-05-01T14:00:00+0200",
      "2024-05-01T12:00:00.000Z",
      "Wed, 01 May 2024 12:00:00 +0000",
      "1714564800",
    ]) {
      expect(parseDate(raw), raw).toBe(t);
    }
    for (const raw of ["03/06/2024 11:00", "yesterday", "0000-00-00 00:00:00", "", "1990-01-01T00:00:00Z", "2999-01-01T00:00:00Z"]) {
      expect(parseDate(raw), raw).toBeNull();
    }
  });

  it("makes names displayable: bidi overrides and controls out, blank is Anonymous, long is cut", () => {
    expect(authorName("Alice\u202Etxt.exe")).toBe("Alice txt.exe");
    expect(authorName("  ")).toBe("Anonymous");
    expect([...authorName("é".repeat(80))].length).toBe(60);
  });
});
