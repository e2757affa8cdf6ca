package dev.callcoach.contracts.channel;

/** Who said a transcribed line. */
public enum Speaker {
    /** The AI playing the scenario's role. */
    AI,
    /** The person who asked to be called. */
    CALLER
}
