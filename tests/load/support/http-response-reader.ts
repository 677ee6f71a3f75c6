// Reads HTTP/1.1 responses off a keep-alive socket's byte stream, for load generators written on bare
// `net` sockets (fetch/undici's per-request overhead would make the generator the bottleneck). A
// Content-Length body is counted, not collected, so a multi-megabyte answer costs no copying.

const HEADER_END = Buffer.from('\r\n\r\n');

export type HttpResponseHead = { status: number; bodyBytes: number; headers: string };

export class HttpResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  private head: { status: number; headers: string; bodyStart: number } | null = null;
  private contentLength = -1;
  private chunked = false;
  private bodyReceived = 0;

  /** Feeds bytes; returns the response once it is complete, else null. */
  push(data: Buffer): HttpResponseHead | null {
    if (this.head !== null && this.contentLength >= 0) {
      this.bodyReceived += data.length;
      return this.finishCounted();
    }
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    if (this.head === null) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end === -1) return null;
      const headers = this.buffer.subarray(0, end).toString('latin1');
      this.head = { status: Number(headers.slice(9, 12)), headers, bodyStart: end + 4 };
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
      this.contentLength = length ? Number(length[1]) : -1;
      this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(headers);
      if (this.contentLength >= 0) {
        this.bodyReceived = this.buffer.length - this.head.bodyStart;
        this.buffer = Buffer.alloc(0);
        return this.finishCounted();
      }
    }
    if (this.chunked) return this.finishChunked(this.head);
    throw new Error('response without Content-Length or chunked encoding');
  }

  private finishCounted(): HttpResponseHead | null {
    if (this.bodyReceived < this.contentLength) return null;
    if (this.bodyReceived > this.contentLength) throw new Error('bytes after a response on a closed-loop connection');
    return this.reset(this.contentLength);
  }

  private finishChunked(head: { bodyStart: number }): HttpResponseHead | null {
    let offset = head.bodyStart;
    let body = 0;
    for (;;) {
      const lineEnd = this.buffer.indexOf('\r\n', offset);
      if (lineEnd === -1) return null;
      const size = parseInt(this.buffer.subarray(offset, lineEnd).toString('latin1'), 16);
      const next = lineEnd + 2 + size + 2;
      if (this.buffer.length < next) return null;
      offset = next;
      body += size;
      if (size === 0) {
        if (this.buffer.length > offset) throw new Error('bytes after a response on a closed-loop connection');
        return this.reset(body);
      }
    }
  }

  private reset(bodyBytes: number): HttpResponseHead {
    const response = { status: this.head!.status, headers: this.head!.headers, bodyBytes };
    this.buffer = Buffer.alloc(0);
    this.head = null;
    this.contentLength = -1;
    this.chunked = false;
    this.bodyReceived = 0;
    return response;
  }
}
