/** The per-client-IP limit on call placements and how the client's IP address is found. */
package dev.callcoach.webapp.limit;
