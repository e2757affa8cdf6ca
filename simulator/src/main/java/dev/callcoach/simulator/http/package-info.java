/** Plumbing both fakes share: the Vert.x server lifecycle and JSON responses of the {@code /_sim} inspection API. */
package dev.callcoach.simulator.http;
