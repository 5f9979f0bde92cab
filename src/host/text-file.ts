// Writing vdm86's own text files (the --trace log, --result-json, a --screen-dump file): plain
// synchronous writes, buffered for the trace, which may be millions of lines.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

export class TextFileWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  line(text: string): void {
    this.buffer.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (!this.buffer.length) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writeTextFile(path: string, text: string): void {
  writeFileSync(path, text);
}
