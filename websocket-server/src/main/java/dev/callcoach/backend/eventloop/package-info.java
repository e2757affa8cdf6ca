/**
 * How the service's event loops wait for the network: Netty's epoll transport, plugged into Vert.x through
 * its transport SPI, and the batch window that lets a busy loop take its sockets' messages in one pass
 * instead of sleeping and waking for each (docs/benchmarks.md, "Fifth round").
 */
package dev.callcoach.backend.eventloop;
