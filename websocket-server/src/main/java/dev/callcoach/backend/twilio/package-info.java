/** Twilio's side of a call: request signatures, the TwiML webhook and the call status callback. */
package dev.callcoach.backend.twilio;
