package dev.callcoach.backend.browser;

/** Where the page opens a browser session's media socket: {@code /browser/media/{session}?token=...}. */
public final class BrowserMediaPath {

    /** Path prefix; the session id follows. */
    public static final String PREFIX = "/browser/media";
    /** The path parameter naming the session. */
    public static final String SESSION_PARAM = "session";
    /** The query parameter carrying the single-use media token. */
    public static final String TOKEN_PARAM = "token";
    /** The endpoint id of the media socket, which {@link BrowserUpgradeCheck} guards. */
    public static final String ENDPOINT_ID = "browser-media";

    private BrowserMediaPath() {
    }
}
