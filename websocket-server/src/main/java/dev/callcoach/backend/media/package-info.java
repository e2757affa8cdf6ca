/**
 * The media endpoints (Twilio's Media Stream, the browser's media socket) and the per-call bridge between
 * the caller's side ({@code MediaSide}: {@code TwilioStream} or {@code BrowserStream}) and an OpenAI Realtime
 * session.
 */
package dev.callcoach.backend.media;
