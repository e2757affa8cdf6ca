/**
 * The OpenAI Realtime API client: connection, the client events we send (each with an {@code event_id} naming
 * its purpose), the server events we act on, and whether calling is paused for OpenAI quota.
 */
package dev.callcoach.backend.realtime;
