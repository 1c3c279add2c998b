// Streams an XML export through saxes and hands each record (a Disqus <thread> or <post>, a
// WordPress <item>) to the importer as a small tree of its fields, so that memory holds one
// record at a time whatever the file's size.
import { SaxesParser } from "saxes";
import { ImportError } from "./records";

/** One element of a record: its attributes, its own text, its children in order. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** A field larger than this is not a comment: the record is kept, the field cut (and marked). */
export const FIELD_MAX = 1_000_000;

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childText(node: XmlNode | undefined, path: string): string | null {
  let at: XmlNode | undefined = node;
  for (const part of path.split("/")) at = child(at, part);
  return at ? at.text : null;
}

export interface XmlWalk {
  /** what the root element must be called, for the "this is not a … export" message */
  root: string;
  formatName: string;
  /** depth of the record elements (root = 1) and their names */
  recordDepth: number;
  records: Set<string>;
  onRecord(node: XmlNode): void | Promise<void>;
  /** extra check of the root element (namespaces…), throwing ImportError */
  checkRoot?(attrs: Record<string, string>): void;
}

/** Reads the chunks to the end; throws ImportError on a file that is not this format or not well formed. */
export async function walkXml(chunks: AsyncIterable<string>, walk: XmlWalk): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlNode[] = [];
  let depth = 0;
  let sawRoot = false;
  const queue: XmlNode[] = [];
  parser.on("opentag", (tag) => {
    depth++;
    const attrs = tag.attributes as Record<string, string>;
    if (depth === 1) {
      sawRoot = true;
      if (tag.name !== walk.root) {
        throw new ImportError(`This is not ${walk.formatName}: its root element is <${tag.name}>, not <${walk.root}>.`);
      }
      walk.checkRoot?.(attrs);
      return;
    }
    if (stack.length > 0 || (depth === walk.recordDepth && walk.records.has(tag.name))) {
      const node: XmlNode = { name: tag.name, attrs, text: "", children: [] };
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    }
  });
  const onText = (text: string) => {
    const node = stack[stack.length - 1];
    if (node && node.text.length < FIELD_MAX) node.text += text.slice(0, FIELD_MAX - node.text.length);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    depth--;
    const node = stack.pop();
    if (node && stack.length === 0) queue.push(node);
  });
  const where = () => `line ${parser.line}, column ${parser.column + 1}`;
  const feed = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (e) {
      if (e instanceof ImportError) throw e;
      const message = e instanceof Error ? e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "") : String(e);
      if (chunk === null && sawRoot) {
        throw new ImportError(
          `The file ends too early (${where()}): it looks truncated (${message}). Nothing was imported; export it again.`,
        );
      }
      throw new ImportError(`This is not well-formed XML (${where()}: ${message}), so not ${walk.formatName}.`);
    }
  };
  for await (const chunk of chunks) {
    if (!sawRoot && depth === 0 && /^\s*[{[]/.test(chunk)) {
      throw new ImportError(`This is not ${walk.formatName}: it looks like JSON (for Palabre's own export, use \`palabre\`).`);
    }
    feed(chunk);
    // Records are handed over between chunks, so an async consumer (the writer) paces the reading.
    while (queue.length) await walk.onRecord(queue.shift()!);
  }
  if (!sawRoot) throw new ImportError(`This is not ${walk.formatName}: the file is empty or has no XML element.`);
  feed(null);
  while (queue.length) await walk.onRecord(queue.shift()!);
}
