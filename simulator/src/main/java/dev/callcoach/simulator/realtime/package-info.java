/**
 * FakeRealtime: the OpenAI Realtime WebSocket API (GA, and beta with {@code OpenAI-Beta: realtime=v1}),
 * with strict client-event validation, an energy VAD, scripted responses, fault injection and an event log.
 */
package dev.callcoach.simulator.realtime;
