package dev.callcoach.webapp.call.ui;

import java.util.Locale;

/**
 * Why the microphone can't be used, as the browser script reports it (a code), and what the person can do about
 * it. Each message says how to fix it, not only what went wrong.
 */
enum MicrophoneProblem {
    DENIED("Your browser blocks the microphone for this site. To allow it, click the icon at the left of the "
            + "address bar and set Microphone to Allow."),
    MISSING("No microphone was found. Plug one in or switch it on in your system's sound settings, then start again."),
    BUSY("Your microphone couldn't be started: another app may be using it. Close that app, then start again."),
    INSECURE("The microphone only works on a secure page. Open this page with an https:// address "
            + "(or on this computer at http://localhost)."),
    UNSUPPORTED("This browser can't record audio for practice. Use a current Chrome, Edge, Firefox or Safari."),
    /** A code this page doesn't know: only a script other than ours would send one. */
    FAILED("Your microphone couldn't be started. Check your browser's microphone settings, then start again.");

    private final String message;

    MicrophoneProblem(String message) {
        this.message = message;
    }

    /** The problem a code from the browser names; anything unknown is {@link #FAILED}. */
    static MicrophoneProblem of(String code) {
        if (code != null) {
            for (MicrophoneProblem problem : values()) {
                if (problem != FAILED && problem.name().toLowerCase(Locale.ROOT).equals(code)) {
                    return problem;
                }
            }
        }
        return FAILED;
    }

    String message() {
        return message;
    }

    /** Whether trying again can't help until the page is opened differently or in another browser. */
    boolean lasting() {
        return this == INSECURE || this == UNSUPPORTED;
    }
}
