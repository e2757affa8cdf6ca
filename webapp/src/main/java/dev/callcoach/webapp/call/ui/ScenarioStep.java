package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.select.Select;
import dev.callcoach.contracts.scenario.Scenario;

import java.util.List;

/** Step 1: the scenario, what it is about, and its form. */
class ScenarioStep extends Section {

    final Select<Scenario> scenario = new Select<>();
    final Paragraph description = new Paragraph();
    private final Div formHolder = new Div();
    private final Runnable onChange;
    private ScenarioForm form;
    private CallReadiness.Catalog catalog = CallReadiness.Catalog.LOADING;

    ScenarioStep(Runnable onChange) {
        this.onChange = onChange;
        addClassName("cc-step");
        scenario.setId("scenario");
        scenario.setLabel("Scenario");
        scenario.setItemLabelGenerator(Scenario::name);
        scenario.setPlaceholder("Loading scenarios…");
        scenario.setEnabled(false);
        scenario.addValueChangeListener(change -> show(change.getValue()));
        description.addClassName("cc-description");
        add(new H2("1. Pick a scenario"), scenario, description, formHolder);
    }

    /** Shows the catalog; the first scenario is chosen. */
    void catalog(List<Scenario> catalog) {
        this.catalog = catalog.isEmpty() ? CallReadiness.Catalog.EMPTY : CallReadiness.Catalog.LOADED;
        scenario.setItems(catalog);
        scenario.setEnabled(!catalog.isEmpty());
        scenario.setPlaceholder(catalog.isEmpty() ? "No scenarios available" : "Choose a scenario");
        if (!catalog.isEmpty()) {
            scenario.setValue(catalog.getFirst());
        }
        onChange.run();
    }

    void catalogFailed() {
        catalog = CallReadiness.Catalog.FAILED;
        scenario.setPlaceholder("Scenarios couldn't be loaded");
        onChange.run();
    }

    CallReadiness.Catalog catalogState() {
        return catalog;
    }

    boolean loaded() {
        return catalog == CallReadiness.Catalog.LOADED || catalog == CallReadiness.Catalog.EMPTY;
    }

    /** The chosen scenario's form, or null. */
    ScenarioForm form() {
        return form;
    }

    private void show(Scenario chosen) {
        formHolder.removeAll();
        form = chosen == null ? null : new ScenarioForm(chosen, onChange);
        description.setText(chosen == null ? "" : chosen.description());
        if (form != null) {
            formHolder.add(form);
        }
        onChange.run();
    }
}
