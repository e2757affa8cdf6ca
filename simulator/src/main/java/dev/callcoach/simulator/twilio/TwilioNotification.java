package dev.callcoach.simulator.twilio;

/**
 * An error or warning Twilio would show in its debugger for a call, with Twilio's code (e.g. 11200
 * HTTP retrieval failure, 12100 TwiML parse failure, 31920 stream handshake, 31950/31951 malformed
 * stream message). Tests assert there are none, or the one they provoked.
 */
public record TwilioNotification(int code, Level level, String message, long atMillis) {

    public enum Level { WARNING, ERROR }
}
