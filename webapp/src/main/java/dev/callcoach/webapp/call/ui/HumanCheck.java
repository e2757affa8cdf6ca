package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;

import java.net.URI;
import java.util.function.Consumer;

/**
 * Cloudflare's Turnstile widget. Its script is Cloudflare's own, loaded by URL; the token it yields comes
 * back through a client-callable method and is verified on the server before a call is placed. A token
 * works once, so the widget is reset after each use.
 */
class HumanCheck extends Div {

    private final String siteKey;
    private final URI scriptUrl;
    private final Consumer<String> onToken;
    private String token;

    HumanCheck(String siteKey, URI scriptUrl, Consumer<String> onToken) {
        this.siteKey = siteKey;
        this.scriptUrl = scriptUrl;
        this.onToken = onToken;
        addClassName("cc-human-check");
        getElement().setAttribute("aria-label", "Human check");
    }

    /** The token of a passed check, or null. */
    String token() {
        return token;
    }

    /** Forgets the used token and asks for a fresh check. */
    void reset() {
        token = null;
        getElement().executeJs("if (window.turnstile && this.dataset.widgetId) window.turnstile.reset(this.dataset.widgetId)");
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().getPage().addJavaScript(scriptUrl.toString());
        // The script loads asynchronously; render once it has defined window.turnstile.
        getElement().executeJs("""
                const el = this;
                const render = () => {
                  if (!window.turnstile) { setTimeout(render, 200); return; }
                  if (el.dataset.widgetId) return;
                  el.dataset.widgetId = window.turnstile.render(el, {
                    sitekey: $0,
                    callback: t => el.$server.passed(t),
                    'expired-callback': () => el.$server.expired(),
                    'error-callback': () => el.$server.expired()
                  });
                };
                render();""", siteKey);
    }

    @ClientCallable
    void passed(String token) {
        this.token = token;
        onToken.accept(token);
    }

    @ClientCallable
    void expired() {
        token = null;
        onToken.accept(null);
    }
}
