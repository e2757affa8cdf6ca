/**
 * The per-client limit on call placements (IPv4 addresses, IPv6 prefixes), where its buckets live (memory
 * or the webapp's PostgreSQL), and how the client's IP address is found.
 */
package dev.callcoach.webapp.limit;
