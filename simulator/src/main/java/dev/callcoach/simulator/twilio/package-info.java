/**
 * FakeTwilio: the Calls REST subset, per-call lifecycle driven by caller scripts, signed webhooks,
 * TwiML execution, the Media Stream client with its real-time playback model, and inspection.
 */
package dev.callcoach.simulator.twilio;
