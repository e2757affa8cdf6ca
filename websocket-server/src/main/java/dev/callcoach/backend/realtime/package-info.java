/** The OpenAI Realtime API client: connection, the session.update we send, and the server events we act on. */
package dev.callcoach.backend.realtime;
