/**
 * The OpenAI Responses API as the backend's grader uses it ({@code POST /v1/responses} with Structured Outputs),
 * served on FakeRealtime's port: strict request checks, deterministic reports built from the transcript sent,
 * and scriptable faults.
 */
package dev.callcoach.simulator.responses;
