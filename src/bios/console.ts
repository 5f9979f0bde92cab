// The console the DOS kernel talks to (Machine.console): output goes through the BIOS teletype
// onto the text screen and out to every attached sink (the stream on stdout, the captured output
// of runProgram); input comes from the BIOS keyboard buffer at 40:1Eh.
import type { ConsoleIO } from '../hw/board';
import type { VideoBios } from './video';
import type { KeyboardBios } from './keyboard';

export type ConsoleSink = (ch: number) => void;

export class BiosConsole implements ConsoleIO {
  private readonly sinks: ConsoleSink[] = [];

  constructor(
    readonly video: VideoBios,
    readonly keyboard: KeyboardBios,
  ) {
    video.onOutput = (ch) => {
      for (const sink of this.sinks) sink(ch);
    };
  }

  /** Receives every byte written through the teletype, in order. */
  addSink(sink: ConsoleSink): void {
    this.sinks.push(sink);
  }

  removeSink(sink: ConsoleSink): void {
    const i = this.sinks.indexOf(sink);
    if (i >= 0) this.sinks.splice(i, 1);
  }

  writeChar(ch: number): void {
    this.video.teletype(ch & 0xff);
  }

  readKey(): number {
    return this.keyboard.readKey();
  }

  peekKey(): number {
    return this.keyboard.peekKey();
  }

  inputEnded(): boolean {
    return this.keyboard.inputEnded();
  }
}
