/**
 * Channel protocol v1 between the webapp server and the backend: the message records, their JSON codec and
 * the protocol's constants.
 */
package dev.callcoach.contracts.channel;
