/**
 * Plumbing both fakes share: the Vert.x server lifecycle, JSON responses of the {@code /_sim} inspection API,
 * and the relay that lets a fake drop a connection without a close frame.
 */
package dev.callcoach.simulator.http;
