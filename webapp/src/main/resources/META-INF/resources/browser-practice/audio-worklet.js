/*
 * The two audio processors of a call in the browser: the microphone into 20 ms frames, and the AI's audio out
 * through a small jitter buffer. One module, as both need the resampler.
 *
 * The call's audio is PCM16 mono at 24 kHz both ways: the Realtime API's audio/pcm, so the backend passes it
 * through as it is. The page asks for a 24 kHz AudioContext, so nothing is resampled here as a rule; a browser
 * that can't run the microphone at that rate gets a context at its own rate, and these processors convert.
 */
const CALL_RATE = 24000;
/** 20 ms at the call's rate: the frame the page sends. */
const FRAME_SAMPLES = 480;
/** How often the playback processor reports its position while it plays. */
const REPORT_EVERY_MS = 100;

/**
 * Linear interpolation from one rate to another, keeping its place across blocks. No low-pass filter: for
 * speech on its way to recognition or a speaker that is good enough, and usually the rates are equal anyway.
 */
class Resampler {
  constructor(from, to) {
    this.step = from / to;
    // Where the next output sample falls, counted from the last input sample of the previous block (-1).
    this.position = 0;
    this.last = 0;
  }

  push(input, emit) {
    if (this.step === 1) {
      for (let i = 0; i < input.length; i++) emit(input[i]);
      return;
    }
    const n = input.length;
    const at = i => (i < 0 ? this.last : input[i]);
    let p = this.position;
    while (p <= n - 1) {
      const i = Math.floor(p);
      const f = p - i;
      emit(f === 0 ? at(i) : at(i) + (at(i + 1) - at(i)) * f);
      p += this.step;
    }
    this.position = p - n;
    if (n > 0) this.last = input[n - 1];
  }
}

/** Microphone → 20 ms frames of PCM16 (little-endian) at 24 kHz, each with its RMS level for the meter. */
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.resampler = new Resampler(sampleRate, CALL_RATE);
    this.fresh();
    this.take = sample => this.add(sample);
  }

  fresh() {
    this.frame = new DataView(new ArrayBuffer(FRAME_SAMPLES * 2));
    this.filled = 0;
    this.energy = 0;
  }

  add(sample) {
    const s = Math.max(-1, Math.min(1, sample));
    this.frame.setInt16(this.filled * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    this.energy += s * s;
    if (++this.filled === FRAME_SAMPLES) {
      const buffer = this.frame.buffer;
      this.port.postMessage({frame: buffer, level: Math.sqrt(this.energy / FRAME_SAMPLES)}, [buffer]);
      this.fresh();
    }
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.resampler.push(channel, this.take);
    return true;
  }
}

/**
 * The AI's audio, queued as it arrives and played once a little is buffered: it comes over the network in
 * bursts, and starting at the first sample would stutter at the first late packet. An underrun goes back to
 * buffering; a short tail (the end of a sentence) plays once it has waited long enough. Keeps the position
 * the backend needs for barge-in: samples actually played, at the call's rate, never those dropped by a clear.
 */
class PlaybackProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const settings = options.processorOptions || {};
    this.startAfter = Math.round(sampleRate * (settings.startAfterMs || 80) / 1000);
    this.maxWait = Math.round(sampleRate * (settings.maxWaitMs || 100) / 1000);
    this.reportEvery = Math.round(sampleRate * REPORT_EVERY_MS / 1000);
    this.resampler = new Resampler(CALL_RATE, sampleRate);
    this.chunks = [];
    this.offset = 0;
    this.buffered = 0;
    this.played = 0;
    this.playing = false;
    this.waitingSince = 0;
    this.sinceReport = 0;
    // Each {name, at}: echoed once `played` reaches `at`, the position of the last sample queued before it.
    this.marks = [];
    this.port.onmessage = event => this.receive(event.data);
  }

  receive(message) {
    switch (message.type) {
      case 'audio': this.queue(message.pcm); break;
      case 'mark':
        this.marks.push({name: message.name, at: this.played + this.buffered});
        this.echoDueMarks();
        break;
      case 'clear': this.clear(); break;
    }
  }

  queue(pcm) {
    const view = new DataView(pcm);
    const count = pcm.byteLength >> 1;
    const input = new Float32Array(count);
    for (let i = 0; i < count; i++) input[i] = view.getInt16(i * 2, true) / 0x8000;
    let chunk = input;
    if (this.resampler.step !== 1) {
      const out = [];
      this.resampler.push(input, sample => out.push(sample));
      chunk = Float32Array.from(out);
    }
    if (chunk.length === 0) return;
    if (this.buffered === 0 && !this.playing) this.waitingSince = currentFrame;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  clear() {
    this.chunks = [];
    this.offset = 0;
    this.buffered = 0;
    this.playing = false;
    const pending = this.marks.map(mark => mark.name);
    this.marks = [];
    this.port.postMessage({type: 'cleared', samples: this.callSamples(), marks: pending});
    this.sinceReport = 0;
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    let written = 0;
    if (!this.playing && this.buffered > 0
        && (this.buffered >= this.startAfter || currentFrame - this.waitingSince >= this.maxWait)) {
      this.playing = true;
    }
    if (this.playing) {
      while (written < out.length && this.chunks.length > 0) {
        const chunk = this.chunks[0];
        const n = Math.min(out.length - written, chunk.length - this.offset);
        out.set(chunk.subarray(this.offset, this.offset + n), written);
        written += n;
        this.offset += n;
        if (this.offset === chunk.length) {
          this.chunks.shift();
          this.offset = 0;
        }
      }
      this.buffered -= written;
      this.played += written;
      this.sinceReport += written;
      if (this.buffered === 0) {
        this.playing = false;
        this.waitingSince = currentFrame;
      }
    }
    out.fill(0, written);
    if (written > 0) this.echoDueMarks();
    if (this.sinceReport > 0 && (this.sinceReport >= this.reportEvery || !this.playing)) {
      this.port.postMessage({type: 'played', samples: this.callSamples()});
      this.sinceReport = 0;
    }
    return true;
  }

  echoDueMarks() {
    while (this.marks.length > 0 && this.marks[0].at <= this.played) {
      this.port.postMessage({type: 'mark', name: this.marks.shift().name});
    }
  }

  /** Samples played, counted at the call's rate. */
  callSamples() {
    return Math.round(this.played * CALL_RATE / sampleRate);
  }
}

registerProcessor('callcoach-capture', CaptureProcessor);
registerProcessor('callcoach-playback', PlaybackProcessor);
