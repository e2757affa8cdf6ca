package dev.callcoach.backend.testing;

import dev.callcoach.backend.call.EndCallRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the call bridge in tests: remembers which sessions were asked to hang up. */
@ApplicationScoped
public class EndCallRecorder {

    private final List<EndCallRequested> requests = new CopyOnWriteArrayList<>();

    void record(@ObservesAsync EndCallRequested request) {
        requests.add(request);
    }

    public List<EndCallRequested> requests() {
        return List.copyOf(requests);
    }
}
