// A local stand-in for the Workers AI binding, bound as `AI` in the worker project (vitest.config.ts)
// so that the Llama Guard provider is tested without an account. It answers run(model, inputs) as
// Workers AI documents @cf/meta/llama-guard-3-8b: { response: "safe" } or "unsafe\n<categories>".
// What it answers is chosen by a marker in the last message:
//   [[unsafe]]  → "unsafe\nS10"           [[unsafe-many]] → "unsafe\nS1,S10"
//   [[object]]  → { safe: false, categories: ["S12"] } (the binding's object form)
//   [[slow]]    → "unsafe\nS10" after 1.5 s (longer than the tests' timeout)
//   [[error]]   → throws, as the binding does when the model fails
//   [[garbage]] → a response that is neither safe nor unsafe
//   otherwise   → "safe"
import { WorkerEntrypoint } from "cloudflare:workers";

const MODEL = "@cf/meta/llama-guard-3-8b";

export default class AiStub extends WorkerEntrypoint {
  async run(model, inputs) {
    if (model !== MODEL) throw new Error(`AiStub: no model ${model}`);
    const messages = inputs?.messages ?? [];
    const text = String(messages[messages.length - 1]?.content ?? "");
    if (text.includes("[[error]]")) throw new Error("InferenceUpstreamError: 3040 capacity temporarily exceeded");
    if (text.includes("[[slow]]")) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return { response: "unsafe\nS10" };
    }
    if (text.includes("[[unsafe-many]]")) return { response: "unsafe\nS1,S10" };
    if (text.includes("[[unsafe]]")) return { response: "unsafe\nS10" };
    if (text.includes("[[object]]")) return { response: { safe: false, categories: ["S12"] } };
    if (text.includes("[[garbage]]")) return { response: "I cannot help with that." };
    return { response: "safe" };
  }
  fetch() {
    return new Response("AiStub: call run()", { status: 404 });
  }
}
