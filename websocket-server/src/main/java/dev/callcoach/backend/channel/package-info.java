/** The webapp channel: the authenticated WebSocket endpoint, request dispatch, and session events fanned out across instances through Postgres LISTEN/NOTIFY. */
package dev.callcoach.backend.channel;
