// The JavaScript half of crates/wasm/src/acme.rs's TXT check (`txt_answer_holds`). A file of its
// own, not an inline snippet: inline snippets are numbered per module (inline0.js, ...) in the
// one snippets directory the modules share, and an inline snippet that only the ACME module has
// would shift its numbering against the other modules'.
export function cc_txt_texts(answer) {
  // The caller's answer copied into plain strings here, where what a Proxy throws is caught:
  // an answer that cannot be read holds nothing.
  try {
    if (!Array.isArray(answer)) return [];
    return Array.from(answer, (record) =>
      Array.isArray(record) ? Array.from(record).filter((chunk) => typeof chunk === "string").join("")
        : typeof record === "string" ? record : "");
  } catch {
    return [];
  }
}
