/*
 * A call in the browser, the page's side: the microphone to the backend and the AI's voice back, over the
 * backend's media socket (docs/protocols.md, "Browser media socket"). The server-side page never carries audio;
 * it starts and ends this script and hears back through the host element's $server methods:
 *   microphoneReady(), microphoneFailed(problem), permission(state), unavailable(problem), mediaFailed().
 * Problems are codes (denied, missing, busy, insecure, unsupported, failed); the page owns the words.
 *
 * Wire format both ways: binary frames of PCM16 little-endian mono at 24 kHz. Page → backend also sends
 * {"type":"played","ms":n} (AI audio actually played since the socket opened) about every 100 ms while it
 * plays and at once after a clear, and echoes {"type":"mark"} once the audio before it has played.
 */
(() => {
  'use strict';

  const CALL_RATE = 24000;
  // Next to this script; Vaadin's <base href> is the application's root, should the script be loaded otherwise.
  const WORKLET = document.currentScript
    ? new URL('audio-worklet.js', document.currentScript.src).href
    : new URL('browser-practice/audio-worklet.js', document.baseURI).href;
  /** Start playing once this much is buffered (the jitter buffer), or once the first sample waited this long. */
  const START_AFTER_MS = 80;
  const MAX_WAIT_MS = 100;
  /** How long after End the page waits for the backend to close the socket before closing it itself. */
  const CLOSE_AFTER_END_MS = 15000;
  /** One second of caller audio: beyond that queued in the socket, a frame is dropped rather than arrive late. */
  const MAX_BACKLOG_BYTES = CALL_RATE * 2;

  /** The page's one call, or null. */
  let call = null;
  /** Figures of the latest call, for the browser tests. */
  let stats = fresh();

  function fresh() {
    return {samplesPlayed: 0, framesSent: 0, framesDropped: 0, framesReceived: 0, clears: 0, playedAtClear: [],
            marksEchoed: 0, ignored: 0, socket: 'none', capturing: false};
  }

  function problemOf(error) {
    switch (error && error.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return 'denied';
      case 'NotFoundError':
      case 'OverconstrainedError':
        return 'missing';
      case 'NotReadableError':
      case 'AbortError':
        return 'busy';
      default:
        return 'failed';
    }
  }

  /** Why this page can't use a microphone at all, or null. */
  function unavailable() {
    if (!window.isSecureContext) return 'insecure';
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.AudioWorkletNode) {
      return 'unsupported';
    }
    return null;
  }

  class Call {
    constructor(host) {
      this.host = host;
      this.meter = null;
      this.level = 0;
      this.shownLevel = -1;
      this.muted = false;
      this.socket = null;
      this.opened = false;
      this.ending = false;
    }

    /** Microphone, context and both processors; throws the browser's error when one can't be had. */
    async open() {
      // Created before the first await, while the click's user activation lets it start.
      this.context = new AudioContext({sampleRate: CALL_RATE, latencyHint: 'interactive'});
      this.context.resume();
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: {channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true},
        video: false
      });
      let source;
      try {
        source = this.context.createMediaStreamSource(this.stream);
      } catch (error) {
        // Some browsers (Firefox) only take a microphone at their own rate; the processors resample then.
        if (error.name !== 'NotSupportedError') throw error;
        await this.context.close();
        this.context = new AudioContext({latencyHint: 'interactive'});
        this.context.resume();
        source = this.context.createMediaStreamSource(this.stream);
      }
      await this.context.audioWorklet.addModule(WORKLET);
      // One output, silent, to the speakers: a processor nothing pulls on may never run.
      this.capture = new AudioWorkletNode(this.context, 'callcoach-capture',
          {numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1]});
      this.capture.port.onmessage = event => this.captured(event.data);
      source.connect(this.capture).connect(this.context.destination);
      this.player = new AudioWorkletNode(this.context, 'callcoach-playback', {
        numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1],
        processorOptions: {startAfterMs: START_AFTER_MS, maxWaitMs: MAX_WAIT_MS}
      });
      this.player.port.onmessage = event => this.fromPlayer(event.data);
      this.player.connect(this.context.destination);
      stats.capturing = true;
      this.drawMeter();
    }

    connect(url, token, meter) {
      this.meter = meter;
      const socket = this.socket = new WebSocket(url + (url.includes('?') ? '&' : '?') + 'token='
          + encodeURIComponent(token));
      socket.binaryType = 'arraybuffer';
      stats.socket = 'connecting';
      socket.onopen = () => {
        this.opened = true;
        stats.socket = 'open';
      };
      socket.onmessage = event => this.received(event.data);
      socket.onclose = () => this.closed();
    }

    captured({frame, level}) {
      this.level = this.muted ? 0 : level;
      const socket = this.socket;
      if (!this.opened || this.ending || socket.readyState !== WebSocket.OPEN) return;
      if (socket.bufferedAmount > MAX_BACKLOG_BYTES) {
        stats.framesDropped++;
        return;
      }
      socket.send(frame);
      stats.framesSent++;
    }

    received(data) {
      if (this.ending) {
        this.discard(data);
        return;
      }
      if (data instanceof ArrayBuffer) {
        if (data.byteLength === 0 || data.byteLength % 2 !== 0) {
          stats.ignored++;
          return;
        }
        stats.framesReceived++;
        this.player.port.postMessage({type: 'audio', pcm: data}, [data]);
        return;
      }
      let message;
      try {
        message = JSON.parse(data);
      } catch (e) {
        stats.ignored++;
        return;
      }
      if (message && message.type === 'mark' && typeof message.name === 'string') {
        this.player.port.postMessage({type: 'mark', name: message.name});
      } else if (message && message.type === 'clear') {
        this.player.port.postMessage({type: 'clear'});
      } else {
        stats.ignored++;
      }
    }

    fromPlayer(message) {
      switch (message.type) {
        case 'played':
          this.played(message.samples);
          break;
        case 'mark':
          this.echo(message.name);
          break;
        case 'cleared':
          stats.clears++;
          stats.playedAtClear.push(Math.floor(message.samples * 1000 / CALL_RATE));
          this.played(message.samples);
          message.marks.forEach(name => this.echo(name));
          break;
      }
    }

    played(samples) {
      stats.samplesPlayed = samples;
      this.send({type: 'played', ms: Math.floor(samples * 1000 / CALL_RATE)});
    }

    echo(name) {
      stats.marksEchoed++;
      this.send({type: 'mark', name});
    }

    /**
     * After End the speaker is off: whatever the AI still says (its goodbye) counts as cleared, never played,
     * and its marks are echoed at once, so the backend hangs up without waiting for audio nobody hears.
     */
    discard(data) {
      if (data instanceof ArrayBuffer) return;
      let message;
      try {
        message = JSON.parse(data);
      } catch (e) {
        return;
      }
      if (message && message.type === 'mark' && typeof message.name === 'string') {
        this.echo(message.name);
      } else if (message && message.type === 'clear') {
        this.played(stats.samplesPlayed);
      }
    }

    send(message) {
      if (this.opened && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify(message));
      }
    }

    /**
     * Muting turns the track off: the browser then delivers silence, which goes out as usual, so the backend's
     * audio clock keeps running and its turn detection hears the caller stop.
     */
    mute(muted) {
      this.muted = muted;
      if (this.stream) this.stream.getAudioTracks().forEach(track => { track.enabled = !muted; });
    }

    drawMeter() {
      if (!this.context || this.context.state === 'closed') return;
      // RMS in dBFS, -60 (nothing) to 0 (full scale), as a share of the bar.
      const db = this.level > 0 ? 20 * Math.log10(this.level) : -60;
      const share = Math.max(0, Math.min(1, (db + 60) / 60));
      const percent = Math.round(share * 100);
      if (this.meter && percent !== this.shownLevel) {
        this.meter.firstElementChild.style.transform = 'scaleX(' + share + ')';
        if (Math.abs(percent - this.shownLevel) >= 5 || percent === 0) {
          this.meter.setAttribute('aria-valuenow', String(percent));
        }
        this.shownLevel = percent;
      }
      this.frame = requestAnimationFrame(() => this.drawMeter());
    }

    /**
     * End pressed: microphone and speaker off now. The socket stays open for the backend to close once the call
     * is over, so the call ends as ended from the page, not as a lost connection; should it not, the page does.
     */
    hush() {
      if (!this.ending && this.socket && this.socket.readyState <= WebSocket.OPEN) {
        setTimeout(() => this.close(), CLOSE_AFTER_END_MS);
      }
      this.silence();
    }

    silence() {
      this.ending = true;
      stats.capturing = false;
      if (this.stream) this.stream.getTracks().forEach(track => track.stop());
      if (this.context && this.context.state !== 'closed') this.context.close();
      this.player = null;
      cancelAnimationFrame(this.frame);
      if (this.meter) {
        this.meter.firstElementChild.style.transform = 'scaleX(0)';
        this.meter.setAttribute('aria-valuenow', '0');
      }
    }

    close() {
      this.silence();
      if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, 'ended from the page');
      if (call === this) call = null;
    }

    /** The backend closed the socket (the call ended), or it never opened (refused, unreachable). */
    closed() {
      stats.socket = 'closed';
      const neverOpened = !this.opened && !this.ending;
      this.close();
      if (neverOpened) this.host.$server.mediaFailed();
    }
  }

  window.callcoachBrowserPractice = {
    /** Tells the page what the browser says about the microphone permission now and whenever it changes. */
    async watch(host) {
      const problem = unavailable();
      if (problem) {
        host.$server.unavailable(problem);
        return;
      }
      try {
        const status = await navigator.permissions.query({name: 'microphone'});
        host.$server.permission(status.state);
        status.onchange = () => host.$server.permission(status.state);
      } catch (e) {
        // Browsers that can't tell (older Safari, Firefox): the page says it will ask.
        host.$server.permission('unknown');
      }
    },

    /** On Start: the microphone and the audio, before the page reserves anything. From the click itself. */
    async prepare(host) {
      if (call) return;
      const problem = unavailable();
      if (problem) {
        host.$server.microphoneFailed(problem);
        return;
      }
      stats = fresh();
      const starting = call = new Call(host);
      try {
        await starting.open();
      } catch (error) {
        starting.close();
        host.$server.microphoneFailed(problemOf(error));
        return;
      }
      host.$server.microphoneReady();
    },

    /** Connects the prepared audio to the backend; {@code meter} is the level meter the call shows. */
    connect(url, token, meter) {
      if (call) call.connect(url, token, meter);
    },

    mute(muted) {
      if (call) call.mute(muted);
    },

    /** End pressed: silence at once; the backend closes the socket when the call is over. */
    hush() {
      if (call) call.hush();
    },

    close() {
      if (call) call.close();
    },

    // For the browser tests.
    samplesPlayed: () => stats.samplesPlayed,
    stats: () => JSON.parse(JSON.stringify(stats))
  };
})();
