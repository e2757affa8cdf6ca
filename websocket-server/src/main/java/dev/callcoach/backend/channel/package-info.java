/**
 * The webapp channel: the authenticated WebSocket endpoint, request dispatch, and session events fanned
 * out across instances through Postgres LISTEN/NOTIFY. {@link dev.callcoach.backend.channel.ChannelEventPublisher}
 * is how the webhooks, the bridge and the reports publish those events.
 */
package dev.callcoach.backend.channel;
