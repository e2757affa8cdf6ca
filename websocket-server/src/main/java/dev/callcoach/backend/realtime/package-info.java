/**
 * The OpenAI Realtime API client: connection, the client events we send (each with an {@code event_id} naming
 * its purpose), the server events we act on, and whether calling is paused for OpenAI quota. {@code JsonText}
 * writes the messages on the audio path, the bridge's Twilio ones included, without a tree each.
 */
package dev.callcoach.backend.realtime;
