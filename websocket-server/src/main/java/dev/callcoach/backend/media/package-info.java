/** The Twilio Media Stream endpoint and the per-call bridge between it and an OpenAI Realtime session. */
package dev.callcoach.backend.media;
