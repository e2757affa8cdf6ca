package dev.callcoach.webapp.call.ui;

/** How the person practices: phoned by the AI, or talking to it through the page's microphone and speaker. */
enum PracticeMode {
    PHONE("Call my phone"),
    BROWSER("Practice in your browser");

    private final String label;

    PracticeMode(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
