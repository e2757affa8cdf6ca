/** Audio codecs, signal generators and file loading shared by both fakes; pure functions, no I/O besides file reading. */
package dev.callcoach.simulator.audio;
