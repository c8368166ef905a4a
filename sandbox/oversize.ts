const CHUNK = 64 * 1024;
const SPACE = 0x20;

/**
 * An answer of `padding` bytes of JSON whitespace followed by `json`: valid JSON (RFC 8259 allows
 * whitespace before a value), as large as asked, produced chunk by chunk as the reader pulls, so
 * 70 MiB never sits in the sandbox's memory.
 */
export function paddedJson(padding: number, json: string): { body: ReadableStream<Uint8Array>; length: number } {
  const tail = new TextEncoder().encode(json);
  let left = padding;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (left > 0) {
          const n = Math.min(CHUNK, left);
          left -= n;
          controller.enqueue(new Uint8Array(n).fill(SPACE));
          return;
        }
        controller.enqueue(tail);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, length: padding + tail.byteLength };
}

/**
 * The oversize answer's headers: a correct Content-Length, or none and chunked transfer. Transfer-Encoding
 * is set outright because @hono/node-server reads a short stream ahead and would add a length itself.
 */
export function oversizeHeaders(length: number, declared: boolean): Record<string, string> {
  return declared ? { "Content-Length": String(length) } : { "Transfer-Encoding": "chunked" };
}
