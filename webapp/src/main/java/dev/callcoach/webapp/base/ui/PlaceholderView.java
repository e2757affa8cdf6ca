package dev.callcoach.webapp.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

@Route("")
@PageTitle("Callcoach")
public class PlaceholderView extends VerticalLayout {
    public PlaceholderView() {
        add(new H1("Callcoach"), new Paragraph("Practice calls are coming soon."));
    }
}
