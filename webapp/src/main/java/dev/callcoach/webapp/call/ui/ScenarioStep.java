package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.select.Select;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.ScenarioService;

import java.time.Duration;
import java.util.List;

/**
 * Step 1: the scenario, what it is about, and its form. Fetches the catalog, and while the call service
 * can't be reached says so in the page's notices and tries again by itself.
 */
class ScenarioStep extends Section {

    private static final Duration CATALOG_RETRY = Duration.ofSeconds(5);

    final Select<Scenario> scenario = new Select<>();
    final Paragraph description = new Paragraph();
    private final Div formHolder = new Div();
    private final ScenarioService scenarios;
    private final UiTasks tasks;
    private final Notices notices;
    private final Runnable onChange;
    private ScenarioForm form;
    private CallReadiness.Catalog catalog = CallReadiness.Catalog.LOADING;

    ScenarioStep(ScenarioService scenarios, UiTasks tasks, Notices notices, Runnable onChange) {
        this.scenarios = scenarios;
        this.tasks = tasks;
        this.notices = notices;
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

    /** Fetches the catalog unless it is here; the answer comes in the background. */
    void load(UI ui) {
        if (loaded() || !isAttached()) {
            return;
        }
        tasks.run(ui, scenarios::scenarios, catalog -> {
            notices.serviceReachable();
            if (!loaded()) {
                catalog(catalog);
            }
        }, failure -> {
            notices.serviceUnreachable(PracticeView.messageOf(failure));
            catalogFailed();
            // The channel reconnects by itself; the page follows without anyone clicking.
            tasks.ticker().after(CATALOG_RETRY, () -> UiTasks.access(ui, () -> load(ui)));
        });
    }

    private void catalog(List<Scenario> catalog) {
        this.catalog = catalog.isEmpty() ? CallReadiness.Catalog.EMPTY : CallReadiness.Catalog.LOADED;
        scenario.setItems(catalog);
        scenario.setEnabled(!catalog.isEmpty());
        scenario.setPlaceholder(catalog.isEmpty() ? "No scenarios available" : "Choose a scenario");
        if (!catalog.isEmpty()) {
            scenario.setValue(catalog.getFirst());
        }
        onChange.run();
    }

    private void catalogFailed() {
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
