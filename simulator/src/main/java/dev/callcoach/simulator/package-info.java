/** Protocol-faithful stand-ins for Twilio and the OpenAI Realtime API, and the standalone launcher that runs both. */
package dev.callcoach.simulator;
