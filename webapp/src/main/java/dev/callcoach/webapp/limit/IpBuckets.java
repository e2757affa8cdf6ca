package dev.callcoach.webapp.limit;

import io.github.bucket4j.ConsumptionProbe;
import java.util.Optional;

/** Where the clients' allowances live: this instance's memory, or PostgreSQL shared by every instance. */
interface IpBuckets {

    /**
     * Takes one placement from the client's allowance.
     *
     * @return the outcome, or empty when the client is new and there is no room to track it, or the shared
     *         store is too busy to answer now
     */
    Optional<ConsumptionProbe> tryConsume(String key);
}
