/** Twilio's side of a call: request signatures, the TwiML webhook, the call status callback and the answering machine verdict. */
package dev.callcoach.backend.twilio;
