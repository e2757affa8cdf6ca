package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.GetScenarioCatalog;
import dev.callcoach.contracts.channel.ScenarioCatalog;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;

import java.util.List;

/** The practice scenarios on offer, as the backend's catalog has them. */
public class ScenarioService {

    private final ChannelClient channel;

    public ScenarioService(ChannelClient channel) {
        this.channel = channel;
    }

    /**
     * The scenarios in display order. Asked afresh each time (once per page view): the catalog is small and
     * the backend is the one place it changes.
     *
     * @throws ChannelException when the backend cannot be asked
     */
    public List<Scenario> scenarios() {
        return channel.exchange(GetScenarioCatalog::new, ScenarioCatalog.class).scenarios();
    }
}
