package dev.callcoach.webapp.report;

import dev.callcoach.webapp.channel.ChannelClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the report service to the channel. */
@Configuration(proxyBeanMethods = false)
class ReportServiceConfiguration {

    @Bean
    ReportService reportService(ChannelClient channel) {
        return new ReportService(channel);
    }
}
