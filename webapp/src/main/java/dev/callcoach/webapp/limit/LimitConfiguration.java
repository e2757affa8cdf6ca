package dev.callcoach.webapp.limit;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the IP limit from its settings: buckets in PostgreSQL when the webapp has a database, else in memory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpLimitProperties.class)
class LimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LimitConfiguration.class);

    /** Closed with the context (a database pool when there is one): Spring infers {@code close()}. */
    @Bean
    IpBuckets ipBuckets(IpLimitProperties properties, ObjectProvider<MeterRegistry> meters) {
        if (properties.databaseUrl().isEmpty()) {
            log.info("event=ip_limit_store store=memory effect=\"each webapp instance counts on its own\"");
            return new MemoryIpBuckets(properties, TimeMeter.SYSTEM_MILLISECONDS);
        }
        log.info("event=ip_limit_store store=postgresql table={}", PostgresIpBuckets.TABLE);
        return PostgresIpBuckets.connect(properties, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    IpLimiter ipLimiter(IpLimitProperties properties, IpBuckets buckets, ObjectProvider<MeterRegistry> meters) {
        return new IpLimiter(properties, buckets, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    ClientIpResolver clientIpResolver(IpLimitProperties properties) {
        return new ClientIpResolver(properties);
    }
}
