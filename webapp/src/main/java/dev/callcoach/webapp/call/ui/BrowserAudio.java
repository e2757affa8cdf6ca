package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;

/**
 * The page's end of a call in the browser, on the server: loads the script that captures the microphone and
 * plays the AI (static resources under {@code browser-practice/}), arms the Start button with it, and takes the
 * script's news back. The audio never passes through this server: the script talks to the backend's media
 * socket directly. Anything the script reports is only a hint from the browser, checked before it is acted on.
 */
class BrowserAudio extends Div {

    static final String SCRIPT = "context://browser-practice/browser-practice.js";

    /** What the script reports about the call in hand. */
    interface Events {
        /** The microphone and the audio are ready, after Start. */
        void microphoneReady();

        void microphoneFailed(MicrophoneProblem problem);

        /** The media socket was refused or couldn't be reached. */
        void mediaFailed();
    }

    private final Button start;
    private final Component meter;
    private final MicrophonePanel microphone;
    private final Events events;

    BrowserAudio(Button start, Component meter, MicrophonePanel microphone, Events events) {
        this.start = start;
        this.meter = meter;
        this.microphone = microphone;
        this.events = events;
        setId("browser-audio");
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().getPage().addJavaScript(SCRIPT);
        getElement().executeJs("window.callcoachBrowserPractice.watch(this)");
        // Microphone and audio are asked for in the click itself: browsers allow both only while the person's
        // gesture lasts, which a round trip to this server could outlive. Only elements shown on the page may be
        // passed: Flow holds a call back until each element it names is there.
        start.getElement().executeJs("""
                if (!this.callcoachArmed) {
                  this.callcoachArmed = true;
                  this.addEventListener('click', () => window.callcoachBrowserPractice.prepare($0));
                }""", getElement());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        // Leaving the page ends the call in the browser: the socket closing tells the backend.
        detach.getUI().getPage().executeJs("window.callcoachBrowserPractice && window.callcoachBrowserPractice.close()");
    }

    /**
     * Connects the prepared audio to the backend; the token goes to the browser, whose socket presents it. Once
     * the live call shows, so that its level meter is on the page.
     */
    void connect(String mediaUrl, String mediaToken) {
        getElement().executeJs("window.callcoachBrowserPractice.connect($0, $1, $2)", mediaUrl, mediaToken,
                meter.getElement());
    }

    void mute(boolean muted) {
        getElement().executeJs("window.callcoachBrowserPractice.mute($0)", muted);
    }

    /** Microphone and speaker off at once; the socket stays open for the backend to close as the call ends. */
    void hush() {
        getElement().executeJs("window.callcoachBrowserPractice.hush()");
    }

    /** Everything off: microphone, speaker and socket. */
    void close() {
        getElement().executeJs("window.callcoachBrowserPractice.close()");
    }

    @ClientCallable
    void permission(String state) {
        microphone.permission(MicrophonePermission.of(state));
    }

    @ClientCallable
    void unavailable(String problem) {
        microphone.unavailable(MicrophoneProblem.of(problem));
    }

    @ClientCallable
    void microphoneReady() {
        events.microphoneReady();
    }

    @ClientCallable
    void microphoneFailed(String problem) {
        events.microphoneFailed(MicrophoneProblem.of(problem));
    }

    @ClientCallable
    void mediaFailed() {
        events.mediaFailed();
    }
}
