/** The webapp's one multiplexed WebSocket to the backend: requests with replies, and session events to listeners. */
package dev.callcoach.webapp.channel;
