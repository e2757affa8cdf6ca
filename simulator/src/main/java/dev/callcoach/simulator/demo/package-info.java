/**
 * The local demo: embedded PostgreSQL, the simulators in place of Twilio and OpenAI when their
 * credentials are not set, and the two services as child processes wired to them. Used by the
 * README's run command and by end-to-end tests; never by production code.
 */
package dev.callcoach.simulator.demo;
