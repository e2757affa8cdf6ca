/**
 * The webapp channel: the authenticated WebSocket endpoint, request dispatch, and session events
 * published by the webhooks and the bridge ({@link dev.callcoach.backend.channel.CallEventPublisher})
 * and fanned out across instances through Postgres LISTEN/NOTIFY.
 */
package dev.callcoach.backend.channel;
