/**
 * Call sessions: what was reserved for whom (hashed), where the call stands and what it used, kept in
 * Postgres or, during an outage, in memory; the ports through which the Twilio webhooks, the bridge and
 * the reports read and advance them ({@link dev.callcoach.backend.call.SessionStore}) and tell the page
 * about them ({@link dev.callcoach.backend.call.CallEventPublisher}, implemented by the channel); and
 * when a session may still start its call.
 */
package dev.callcoach.backend.call;
