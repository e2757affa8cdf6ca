package dev.callcoach.webapp.base.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLayout;

/** The page frame: a header with the product name, the view in a {@code <main>}, and a short footer. */
public class MainLayout extends Div implements RouterLayout {

    private final Main content = new Main();

    public MainLayout() {
        addClassName("cc-shell");
        Header header = new Header();
        header.addClassName("cc-header");
        Span name = new Span("Callcoach");
        name.addClassName("cc-brand");
        Span tagline = new Span("Practice a call with an AI, on your phone or in your browser");
        tagline.addClassName("cc-tagline");
        header.add(name, tagline);

        content.addClassName("cc-main");
        content.setId("main");

        Footer footer = new Footer(new Paragraph("Calls are limited per network and per number. Numbers are never stored; "
                + "only a one-way hash is kept to enforce the limit."));
        footer.addClassName("cc-footer");

        Anchor skip = new Anchor("#main", "Skip to content");
        skip.addClassName("cc-skip");
        add(skip, header, content, footer);
    }

    @Override
    public void showRouterLayoutContent(HasElement view) {
        content.getElement().removeAllChildren();
        if (view != null) {
            content.getElement().appendChild(view.getElement());
        }
    }
}
