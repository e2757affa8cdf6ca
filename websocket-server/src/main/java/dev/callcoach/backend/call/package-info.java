/**
 * Call sessions: what was reserved for whom (hashed), where the call stands and what it used, kept in
 * Postgres or, during an outage, in memory; the {@link dev.callcoach.backend.call.SessionStore} port
 * through which the Twilio webhooks and the bridge read and advance them; and when a session may
 * still start its call.
 */
package dev.callcoach.backend.call;
