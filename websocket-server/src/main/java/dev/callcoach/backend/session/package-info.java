/**
 * Call sessions as the Twilio webhooks and the bridge see them: ports onto the limiter's session
 * store and the channel's event fan-out, and the per-call usage record.
 */
package dev.callcoach.backend.session;
